/**
 * Refusals that a clause permits come after the server's own validation, as on a real server: a request
 * with a malformed member is answered for that member, not for the freedom. Shared by the refusing variants.
 */
import { requestOn, type Json } from "../hooks/helpers.js";
import type { Endpoint, ReplyContext } from "../hooks/engine.js";
import { builtinModel } from "../model/index.js";
import { parseChatRequest } from "../validate/chat.js";
import { parseEmbeddingRequest } from "../validate/embeddings.js";
import { implementsReasoning } from "../versions.js";

function valid(endpoint: Endpoint, body: Json, ctx: ReplyContext): boolean {
  try {
    if (endpoint === "chat") parseChatRequest(body, builtinModel().vocab.size, { reasoning: implementsReasoning(ctx.spec) });
    else if (endpoint === "embeddings") parseEmbeddingRequest(body, () => "");
    return true;
  } catch {
    return false;
  }
}

/** A request hook for one endpoint that `refuse`s (throws) only requests the server's validation accepts. */
export const refuseValid = (endpoint: Endpoint, refuse: (body: Json, ctx: ReplyContext) => void) =>
  requestOn(endpoint, (body, ctx) => {
    if (valid(endpoint, body, ctx)) refuse(body, ctx);
    return body;
  });
