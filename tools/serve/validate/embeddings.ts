import { invalidRequest } from "../http/errors.js";
import { EMBEDDING_DIMENSIONS } from "../model/embed.js";
import { array, integer, lisMember, onlyKnown, oneOf, optional, required, string, wrongType } from "./fields.js";

export interface EmbeddingRequest {
  model: string;
  /** The texts to embed (token-id inputs decoded to text). */
  inputs: string[];
  encodingFormat: "float" | "base64";
  dimensions: number;
}

export const EMBEDDING_PARAMETERS = new Set(["model", "input", "encoding_format", "dimensions", "user", "lis"]);
export const MAX_EMBEDDING_INPUTS = 2048;

/** `decode` turns token ids back into text; it throws the 400 for ids outside the vocabulary. */
export function parseEmbeddingRequest(body: unknown, decode: (ids: number[], param: string) => string, options: { acceptUnknown?: boolean; nullIsAbsent?: boolean; maxDimensions?: number } = {}): EmbeddingRequest {
  const o = body as Record<string, unknown>;
  if (!options.acceptUnknown) onlyKnown(o, EMBEDDING_PARAMETERS, "", options.nullIsAbsent);
  lisMember(o, "", options.nullIsAbsent);
  const model = string(required(o, "model"), "model");
  if (model === "") throw invalidRequest("Invalid value for 'model': it must not be empty.", "model");
  optional(o, "user", "", string, "");
  return {
    model,
    inputs: parseInput(required(o, "input"), decode),
    encodingFormat: optional(o, "encoding_format", "", (v, p) => oneOf(v, p, ["float", "base64"] as const), "float"),
    dimensions: optional(o, "dimensions", "", (v, p) => integer(v, p, 1, options.maxDimensions ?? EMBEDDING_DIMENSIONS), EMBEDDING_DIMENSIONS),
  };
}

/** input: a string, an array of strings, an array of token ids, or an array of arrays of token ids. */
function parseInput(input: unknown, decode: (ids: number[], param: string) => string): string[] {
  if (typeof input === "string") return [nonEmpty(input, "input")];
  const items = array(input, "input", 1, MAX_EMBEDDING_INPUTS);
  if (items.every((x) => typeof x === "number")) return [decode(tokenIds(items, "input"), "input")];
  return items.map((item, i) => {
    const at = `input[${i}]`;
    if (typeof item === "string") return nonEmpty(item, at);
    if (Array.isArray(item)) return decode(tokenIds(array(item, at, 1), at), at);
    throw wrongType(at, "a string or an array of token ids", item);
  });
}

function tokenIds(items: unknown[], at: string): number[] {
  return items.map((x, i) => integer(x, `${at}[${i}]`, 0, Number.MAX_SAFE_INTEGER));
}

function nonEmpty(s: string, at: string): string {
  if (s === "") throw invalidRequest(`Invalid value for '${at}': the input must not be an empty string.`, at);
  return s;
}
