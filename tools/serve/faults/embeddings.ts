/** Faults of spec/1.0/embeddings.md. */
import { invalidRequest, modelNotFound, unknownParameter, unsupportedValue } from "../http/errors.js";
import { pieces } from "../model/tokenizer.js";
import { MAX_EMBEDDING_INPUT_TOKENS } from "../endpoints/embeddings.js";
import { isObj, onSuccess, requestOn, type Json } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

const mapData = (body: Json, edit: (e: Json, i: number) => Json) => (Array.isArray(body.data) ? { ...body, data: body.data.map(edit) } : body);
/** The first 32 values of a float or base64 vector, renormalised to length 1. */
function cutTo32(embedding: unknown): unknown {
  const base64 = typeof embedding === "string";
  const values = base64 ? Array.from(new Float32Array(new Uint8Array(Buffer.from(embedding, "base64")).buffer)) : Array.isArray(embedding) ? (embedding as number[]) : undefined;
  if (values === undefined) return embedding;
  const cut = values.slice(0, 32);
  const norm = Math.hypot(...cut) || 1;
  const unit = cut.map((v) => v / norm);
  return base64 ? Buffer.from(new Float32Array(unit).buffer).toString("base64") : unit;
}
const isTokenArray = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number");

export const embeddingFaults: FaultDefinition[] = [
  {
    clause: "EMB-001",
    // The message states the limit (1), as EMB-022 requires of a too-many-inputs rejection.
    description: "an array of strings is rejected (only a single string input is embedded)",
    transformRequest: requestOn("embeddings", (body) => {
      if (Array.isArray(body.input) && body.input.some((x: unknown) => typeof x === "string")) throw unsupportedValue("Only 1 input per request is supported: send a single string.", "input");
      return body;
    }),
  },
  {
    clause: "EMB-002",
    description: "token-id inputs are rejected with code invalid_value (neither embedded nor unsupported_value)",
    transformRequest: requestOn("embeddings", (body) => {
      if (isTokenArray(body.input) || (Array.isArray(body.input) && body.input.some(isTokenArray))) throw invalidRequest("Token inputs are not valid.", "input");
      return body;
    }),
  },
  {
    clause: "EMB-004",
    description: "inputs of other shapes (numbers, objects, mixed arrays) are stringified and embedded",
    transformRequest: requestOn("embeddings", (body) => {
      const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
      if (body.input === undefined || typeof body.input === "string" || isTokenArray(body.input)) return body;
      if (!Array.isArray(body.input)) return { ...body, input: str(body.input) };
      if (body.input.every((x: unknown) => typeof x === "string") || body.input.every(isTokenArray)) return body;
      // Empty elements stay for the server's own EMB-005 rejection: this fault is about the other shapes.
      if (body.input.some((x: unknown) => x === "" || (Array.isArray(x) && x.length === 0))) return body;
      return { ...body, input: body.input.map(str) };
    }),
  },
  {
    clause: "EMB-005",
    description: "empty inputs (\"\", [], [\"\"]) are embedded instead of rejected",
    transformRequest: requestOn("embeddings", (body) => {
      const fill = (v: unknown) => (v === "" || (Array.isArray(v) && v.length === 0) ? " " : v);
      if (body.input === "" || (Array.isArray(body.input) && body.input.length === 0)) return { ...body, input: " " };
      return Array.isArray(body.input) ? { ...body, input: body.input.map(fill) } : body;
    }),
  },
  {
    clause: "EMB-006",
    description: `inputs longer than ${MAX_EMBEDDING_INPUT_TOKENS} tokens are silently truncated`,
    transformRequest: requestOn("embeddings", (body) => {
      const cut = (v: unknown) => (typeof v === "string" ? pieces(v).slice(0, MAX_EMBEDDING_INPUT_TOKENS).join("") : v);
      return { ...body, input: Array.isArray(body.input) ? body.input.map(cut) : cut(body.input) };
    }),
  },
  {
    clause: "EMB-007",
    description: "embedding lists carry `object: \"embedding_list\"`",
    transformBody: onSuccess("embeddings", (body) => ({ ...body, object: "embedding_list" })),
  },
  {
    clause: "EMB-008",
    // The subtle form: the indexes count 0, 1, 2 as they should, but over the wrong vectors.
    description: "the vectors of a batch come in reverse order of the inputs, their `index` renumbered 0, 1, 2, … so that each index matches its position",
    transformBody: onSuccess("embeddings", (body) => (Array.isArray(body.data) ? { ...body, data: [...body.data].reverse().map((e, i) => (isObj(e) ? { ...e, index: i } : e)) } : body)),
  },
  {
    clause: "EMB-009",
    description: "embedding objects carry `object: \"vector\"`",
    transformBody: onSuccess("embeddings", (body) => mapData(body, (e) => ({ ...e, object: "vector" }))),
  },
  {
    clause: "EMB-010",
    // Vectors stay well-formed base64 floats, so the clauses about their length and norm still hold.
    description: "an explicit `encoding_format: \"float\"` is answered with base64 strings instead of arrays of numbers",
    transformBody: onSuccess("embeddings", (body, ctx) =>
      ctx.request?.encoding_format === "float"
        ? mapData(body, (e) => (Array.isArray(e.embedding) ? { ...e, embedding: Buffer.from(new Float32Array(e.embedding).buffer).toString("base64") } : e))
        : body,
    ),
  },
  {
    clause: "EMB-011",
    description: "`encoding_format: \"base64\"` is answered with arrays of numbers",
    transformRequest: requestOn("embeddings", (body) => (body.encoding_format === "base64" ? (({ encoding_format: _, ...rest }) => rest)(body) : body)),
  },
  {
    clause: "EMB-013",
    description: "an unknown `encoding_format` is accepted (floats are sent)",
    transformRequest: requestOn("embeddings", (body) => (body.encoding_format != null && body.encoding_format !== "float" && body.encoding_format !== "base64" ? (({ encoding_format: _, ...rest }) => rest)(body) : body)),
  },
  {
    clause: "EMB-014",
    // Cut vectors are renormalised (EMB-024 still holds) and cut alike in float and base64 (EMB-012 still holds).
    description: "without `dimensions`, vectors after the first of a response, and those of inputs of odd length, have 32 dimensions instead of 64",
    transformBody: onSuccess("embeddings", (body, ctx) => {
      if (ctx.request?.dimensions != null) return body;
      const inputs = Array.isArray(ctx.request?.input) ? (ctx.request!.input as unknown[]) : [ctx.request?.input];
      return mapData(body, (e, i) => (i > 0 || String(inputs[i] ?? "").length % 2 === 1 ? { ...e, embedding: cutTo32(e.embedding) } : e));
    }),
  },
  {
    clause: "EMB-015",
    description: "`usage.total_tokens` is one more than `prompt_tokens`",
    transformBody: onSuccess("embeddings", (body) => (isObj(body.usage) ? { ...body, usage: { ...body.usage, total_tokens: body.usage.prompt_tokens + 1 } } : body)),
  },
  {
    clause: "EMB-016",
    description: "the response's `model` is an unlisted internal name (`lis-tiny-embed-v0`)",
    transformBody: onSuccess("embeddings", (body) => ({ ...body, model: "lis-tiny-embed-v0" })),
  },
  {
    clause: "EMB-017",
    description: "`dimensions` is ignored: vectors keep their native 64 dimensions",
    // Only a valid `dimensions` is ignored: an invalid one is still rejected (EMB-018).
    transformRequest: requestOn("embeddings", (body) => (Number.isInteger(body.dimensions) && body.dimensions >= 1 ? (({ dimensions: _, ...rest }) => rest)(body) : body)),
  },
  {
    clause: "EMB-018",
    description: "a `dimensions` that is not an integer of at least 1 is accepted (and ignored)",
    transformRequest: requestOn("embeddings", (body) =>
      body.dimensions != null && !(Number.isInteger(body.dimensions) && body.dimensions >= 1) ? (({ dimensions: _, ...rest }) => rest)(body) : body,
    ),
  },
  {
    clause: "EMB-019",
    description: "embedding requests that carry `user` are rejected as an unknown parameter",
    transformRequest: requestOn("embeddings", (body) => {
      if (body.user !== undefined) throw unknownParameter("user");
      return body;
    }),
  },
  {
    clause: "EMB-020",
    description: "more than 16 inputs in one request are rejected (the floor is 64)",
    transformRequest: requestOn("embeddings", (body) => {
      if (Array.isArray(body.input) && body.input.length > 16 && !isTokenArray(body.input)) throw invalidRequest("At most 16 inputs per request.", "input");
      return body;
    }),
  },
  {
    clause: "EMB-022",
    description: "a request with more than 2,048 inputs embeds only the first 2,048",
    transformRequest: requestOn("embeddings", (body) => (Array.isArray(body.input) && body.input.length > 2048 && !isTokenArray(body.input) ? { ...body, input: body.input.slice(0, 2048) } : body)),
  },
  {
    clause: "EMB-025",
    description: "the chat model asked for embeddings is answered 404 model_not_found (not embedded, not 400 model_not_supported)",
    transformRequest: requestOn("embeddings", (body) => {
      if (typeof body.model === "string") throw modelNotFound(body.model);
      return body;
    }),
  },
];
