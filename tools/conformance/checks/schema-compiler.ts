/**
 * Compiles JSON Schemas that come from requests (tool parameters, response_format), cached by text. The
 * schemas the shipped cases send are compiled by the build as Ajv standalone code
 * (dist/conformance/inline-validators.cjs, keyed by the schema's JSON text), so that a run of the shipped
 * suite compiles nothing; any other schema (a changed case, a user's case) is compiled here as ever.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Ajv2020 as Ajv, Options, ValidateFunction } from "ajv/dist/2020.js";
import { ROOT } from "../../util/paths.js";
import { Ajv2020, ajvStandalone, packageVersionOf } from "../../util/lazy-packages.js";

const OPTIONS: Options = { allErrors: false, strict: false, validateSchema: false };
/** For the build's generated validator module. */
const require = createRequire(import.meta.url);
export const inlineValidatorsPath = join(ROOT, "dist", "conformance", "inline-validators.cjs");
/** What the generated code depends on besides the schema: Ajv's version and options. */
const compilerHash = () => createHash("sha256").update(JSON.stringify([packageVersionOf("ajv"), OPTIONS])).digest("hex");

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction | Error>();
let precompiled: Map<string, ValidateFunction> | undefined;
let compiledHere = 0;

/** How many request schemas this process compiled itself (not precompiled by the build): the benchmark's freshness check. */
export const runtimeCompiledSchemas = () => compiledHere;

function loadPrecompiled(): Map<string, ValidateFunction> {
  const out = new Map<string, ValidateFunction>();
  if (!existsSync(inlineValidatorsPath)) return out;
  try {
    const mod = require(inlineValidatorsPath) as Record<string, ValidateFunction> & { __lisHash?: string; __lisKeys?: Record<string, string> };
    if (mod.__lisHash !== compilerHash() || !mod.__lisKeys) return out;
    for (const [key, name] of Object.entries(mod.__lisKeys)) if (typeof mod[name] === "function") out.set(key, mod[name]);
  } catch {
    // Unreadable or not ours: compile as without it.
  }
  return out;
}

export function validatorFor(schema: unknown): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (!v) {
    precompiled ??= loadPrecompiled();
    v = precompiled.get(key);
    if (!v) {
      try {
        compiledHere++;
        ajv ??= new (Ajv2020())(OPTIONS);
        v = ajv.compile(schema as object);
      } catch (err) {
        v = err as Error;
      }
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

/**
 * Build step: the standalone module of the given request schemas. Left out (compiled at run time, as
 * before): schemas that do not compile, and schemas with an `$id` (at run time they join one Ajv instance,
 * where a second schema with the same `$id` is an error; precompiled, that would differ).
 */
export function precompiledInlineValidators(schemas: unknown[]): string {
  const builder = new (Ajv2020())({ ...OPTIONS, code: { source: true } });
  const keys: Record<string, string> = {};
  const refs: Record<string, string> = {};
  for (const schema of schemas) {
    const key = JSON.stringify(schema);
    if (key === undefined || key in keys || key.includes('"$id"') || typeof schema !== "object" && typeof schema !== "boolean") continue;
    const name = `s${Object.keys(refs).length}`;
    const ref = `lis-inline:${name}`;
    try {
      builder.addSchema(schema as object, ref);
      builder.getSchema(ref);
    } catch {
      builder.removeSchema(ref);
      continue;
    }
    keys[key] = name;
    refs[name] = ref;
  }
  const code = Object.keys(refs).length > 0 ? ajvStandalone()(builder, refs) : '"use strict";';
  return `${code}\nexports.__lisHash = ${JSON.stringify(compilerHash())};\nexports.__lisKeys = ${JSON.stringify(keys)};\n`;
}
