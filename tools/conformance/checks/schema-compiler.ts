/** Compiles JSON Schemas that come from requests (tool parameters, response_format), cached by text. */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

const ajv = new Ajv2020({ allErrors: false, strict: false, validateSchema: false });
const cache = new Map<string, ValidateFunction | Error>();

export function validatorFor(schema: unknown): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (!v) {
    try {
      v = ajv.compile(schema as object);
    } catch (err) {
      v = err as Error;
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, v);
  }
  return v;
}

export function firstSchemaError(v: ValidateFunction): string {
  const e = v.errors?.[0];
  return e ? `${e.instancePath || "/"} ${e.message ?? e.keyword}` : "invalid";
}
