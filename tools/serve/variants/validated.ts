/**
 * Refusals that a clause permits come after the server's own validation, as on a real server: a request
 * with a malformed member is answered for that member, not for the freedom. Shared by the refusing variants.
 */
import { requestOn, type Json } from "../hooks/helpers.js";
import type { Endpoint, ReplyContext } from "../hooks/engine.js";
import { builtinModel } from "../model/index.js";
import { parseChatRequest } from "../validate/chat.js";
import { parseEmbeddingRequest } from "../validate/embeddings.js";
import { followsErrata, implementsReasoning } from "../versions.js";

/** Whether the server's own validation accepts the request (classification requests are checked by their variants). */
function valid(endpoint: Endpoint, body: Json, ctx: ReplyContext): boolean {
  try {
    if (endpoint === "chat") parseChatRequest(body, builtinModel().vocab.size, { reasoning: implementsReasoning(ctx.spec), nullIsAbsent: followsErrata(ctx.spec), openAiMembers: followsErrata(ctx.spec) });
    else if (endpoint === "embeddings") parseEmbeddingRequest(body, () => "");
    return true;
  } catch {
    return false;
  }
}

/**
 * A request hook for one endpoint that `refuse`s (throws) only requests that the server's validation
 * accepts and that name a model it serves: a freedom of the model comes after the 404 for an unknown one.
 */
export const refuseValid = (endpoint: Endpoint, refuse: (body: Json, ctx: ReplyContext) => void) =>
  requestOn(endpoint, (body, ctx) => {
    if (valid(endpoint, body, ctx) && typeof body.model === "string" && ctx.accepts(body.model)) refuse(body, ctx);
    return body;
  });
