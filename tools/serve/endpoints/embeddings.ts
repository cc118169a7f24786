import { invalidRequest } from "../http/errors.js";
import { embed, toBase64 } from "../model/index.js";
import { parseEmbeddingRequest } from "../validate/embeddings.js";
import { servedModel } from "./models.js";
import type { EndpointContext, Reply } from "./types.js";

/** POST /v1/embeddings */
export function createEmbeddings(ctx: EndpointContext): Reply {
  const vocab = ctx.model.vocab;
  const decode = (ids: number[], param: string) => {
    const bad = ids.findIndex((id) => id >= vocab.size);
    if (bad !== -1) throw invalidRequest(`Invalid token id ${ids[bad]} in '${param}': lis-tiny's vocabulary has ids 0..${vocab.size - 1}.`, `${param}[${bad}]`);
    return ids.map((id) => vocab.text(id)).join("");
  };
  const req = parseEmbeddingRequest(ctx.body, decode, { acceptUnknown: ctx.faults.has("accept-unknown-parameters") });
  const model = servedModel(ctx, req.model);
  const promptTokens = req.inputs.reduce((sum, text) => sum + ctx.model.countTokens(text), 0);
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
