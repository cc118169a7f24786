import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/**
 * Compiles the JSON Schemas that clients send (tool parameters, response_format schemas) with ajv, once
 * per distinct schema (bounded cache). A schema ajv rejects is the client's error: the caller reports it.
 */
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: false, validateFormats: true }));
const cache = new Map<string, ValidateFunction | string>();
const CACHE_LIMIT = 256;

/** A validator, or the reason the schema does not compile. */
export function compileClientSchema(schema: unknown): ValidateFunction | string {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let result: ValidateFunction | string;
  try {
    // Clients often declare draft-07 (or nothing); the keywords used in practice mean the same in 2020-12.
    const { $schema: _, $id: __, ...rest } = (typeof schema === "object" && schema !== null ? schema : {}) as Record<string, unknown>;
    result = ajv.compile(typeof schema === "boolean" ? schema : rest);
  } catch (err) {
    result = err instanceof Error ? err.message : String(err);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}
