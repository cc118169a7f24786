import { contextLengthExceeded, invalidRequest } from "../http/errors.js";
import { embed, toBase64 } from "../model/index.js";
import { parseEmbeddingRequest } from "../validate/embeddings.js";
import { servedModel } from "./models.js";
import type { EndpointContext, Reply } from "./types.js";
import { followsErrata } from "../versions.js";

/** The longest input lis-tiny embeds, in tokens; longer inputs are refused, never truncated (EMB-006). */
export const MAX_EMBEDDING_INPUT_TOKENS = 8192;

/** POST /v1/embeddings */
export function createEmbeddings(ctx: EndpointContext): Reply {
  const vocab = ctx.model.vocab;
  const decode = (ids: number[], param: string) => {
    const bad = ids.findIndex((id) => id >= vocab.size);
    if (bad !== -1) throw invalidRequest(`Invalid token id ${ids[bad]} in '${param}': lis-tiny's vocabulary has ids 0..${vocab.size - 1}.`, `${param}[${bad}]`);
    return ids.map((id) => vocab.text(id)).join("");
  };
  const req = parseEmbeddingRequest(ctx.body, decode, { acceptUnknown: ctx.hooks.has("accept-unknown-parameters"), nullIsAbsent: followsErrata(ctx.spec) });
  const model = servedModel(ctx, req.model);
  const counts = req.inputs.map((text) => ctx.model.countTokens(text));
  const tooLong = counts.findIndex((n) => n > MAX_EMBEDDING_INPUT_TOKENS);
  if (tooLong !== -1) {
    const param = typeof ctx.body?.input === "string" || req.inputs.length === 1 ? "input" : `input[${tooLong}]`;
    throw contextLengthExceeded(`The input at '${param}' has ${counts[tooLong]} tokens; lis-tiny embeds at most ${MAX_EMBEDDING_INPUT_TOKENS} per input. Split it into chunks.`, param);
  }
  const promptTokens = counts.reduce((sum, n) => sum + n, 0);
  const data = req.inputs.map((text, index) => {
    const vector = embed(text, req.dimensions);
    return { object: "embedding", index, embedding: req.encodingFormat === "base64" ? toBase64(vector) : vector };
  });
  return {
    kind: "json",
    status: 200,
    body: { object: "list", data, model: model.id, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } },
  };
}
