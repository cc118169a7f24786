import { invalidRequest } from "../http/errors.js";
import { isObj, onSuccess } from "../hooks/helpers.js";
import type { Endpoint } from "../hooks/engine.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

const LIMIT = 64;

/** The number of inputs of a batching request (an array of token ids is one input). */
const inputs = (input: unknown) => (Array.isArray(input) ? (input.length > 0 && input.every((x) => typeof x === "number") ? 1 : input.length) : 1);

const refuseOver = (endpoint: Endpoint) =>
  refuseValid(endpoint, (body) => {
    const n = inputs(body.input);
    if (n > LIMIT) throw invalidRequest(`This server takes at most ${LIMIT} inputs per request; got ${n}. Send them in batches of ${LIMIT}.`, "input");
  });

export const batchLimit64: VariantDefinition = {
  name: "batch-limit-64",
  description: `/embeddings and /classifications take at most ${LIMIT} inputs per request (the floor EMB-020 sets) and say so in the discovery document`,
  allowedBy: [
    { clause: "EMB-020", quote: "The server MUST accept at least 64 inputs in one request" },
    { clause: "EMB-022", quote: "the server MUST reject it with status 400, `param` `input` and a message that states the limit" },
    { clause: "CLS-010", quote: "A batch with more inputs than the server accepts in one request MUST be rejected with status 400 and `param` `input`, not truncated." },
  ],
  departsFrom: [{ clause: "EMB-021", why: "the SHOULD asks for OpenAI's 2,048; servers with small accelerators take less" }],
  transformRequest: (body, ctx) => refuseOver("classifications")(refuseOver("embeddings")(body, ctx), ctx),
  transformBody: onSuccess("discovery", (doc) => ({ ...doc, limits: { ...(isObj(doc.limits) ? doc.limits : {}), max_batch_size: LIMIT } })),
};
