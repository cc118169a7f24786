/**
 * POST /embeddings through the proxy: validated by the reference server's validator (with the upstream's
 * own vocabulary and dimensions left to the upstream), rewritten by the dialect, sent to the embeddings
 * upstream, and its answer repaired.
 */
import { modelNotFound } from "../serve/http/errors.js";
import { parseEmbeddingRequest } from "../serve/validate/embeddings.js";
import { ApiError, badGateway } from "./errors.js";
import type { Adapter, Reply } from "./adapter.js";
import { isObj, type EmbeddingsExchange, type Obj } from "./rule.js";
import { fromResponse, upstreamError } from "./upstream-error.js";
import { transportFailure } from "./upstream.js";

export async function embeddings(a: Adapter, body: Obj, forward: Record<string, string>): Promise<Reply> {
  const vendor = a.engine.honours("embeddings");
  const lisBody: Obj = {};
  for (const [k, v] of Object.entries(body)) if (!vendor.has(k)) lisBody[k] = v;
  // Token ids are the upstream's to check: any id is "text" here.
  const request = parseEmbeddingRequest(lisBody, () => "tokens", { maxDimensions: Number.MAX_SAFE_INTEGER });
  const found = await a.models.lookup(request.model, "embeddings");
  if (found instanceof ApiError) throw found;
  if (!found.listed) throw modelNotFound(request.model);
  if (!found.serves) throw new ApiError(400, `The model '${request.model.slice(0, 200)}' cannot produce embeddings; GET /v1/models lists the models, and this one serves chat completions.`, "invalid_request_error", "model", "model_not_supported");
  const x: EmbeddingsExchange = { model: request.model, encodingFormat: request.encodingFormat, listed: found.listing.ids };
  // The body was parsed for this request alone: the dialect rewrites it in place into the upstream's.
  const upstreamBody = body;
  a.engine.embeddingsRequest(upstreamBody, x);
  const outcome = await a.embeddingsUpstream.send("POST", "embeddings", upstreamBody, forward);
  if (outcome.error) throw transportFailure(outcome.error);
  const r = outcome.response;
  if (r.status < 200 || r.status > 299) throw fromResponse(a.engine, a.redact, r);
  const json = r.json ?? a.engine.parse(r.bodyText);
  if (!isObj(json)) throw badGateway(`the model server's answer is not a JSON object${r.jsonError ? ` (${r.jsonError})` : ""}`);
  if (isObj(json.error) || typeof json.error === "string") throw upstreamError(a.engine, a.redact, 502, json);
  a.engine.embeddings(json, x);
  return { kind: "json", status: 200, body: json };
}
