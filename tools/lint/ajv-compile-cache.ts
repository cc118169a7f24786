import AjvCore from "ajv/dist/core.js";

type Compile = (this: object, schema: unknown, meta?: boolean) => unknown;
type AjvClass = { prototype: { compile: Compile } };
// Node hands ESM the CommonJS exports object (class under .default); bundling test runners may hand the class.
const Ajv: AjvClass = typeof AjvCore === "function" ? (AjvCore as unknown as AjvClass) : (AjvCore as unknown as { default: AjvClass }).default;

/** Keywords that never change what a schema accepts; a schema's own example and default vary most often. */
const ANNOTATIONS = new Set(["description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml"]);

/**
 * Runs `task` with Ajv's `compile` remembering its validators by schema content (per Ajv instance).
 *
 * Why: Spectral's example rules clone each schema before they validate an example against it, so Ajv's own cache
 * (by schema object) never hits and every example costs a compile, by far the most expensive step of linting a
 * large definition. Schemas that differ only in the annotations at their top (their own `example`, `default`,
 * `description`, ...) accept the same values, so one validator serves them all. Scoped to `task` so that
 * nothing else in the process sees the change.
 */
export async function withCompileCache<T>(task: () => Promise<T>): Promise<T> {
  const original = Ajv.prototype.compile;
  const byInstance = new WeakMap<object, Map<string, unknown>>();
  Ajv.prototype.compile = function (this: object, schema: unknown, meta?: boolean) {
    const key = contentKey(schema);
    if (key === undefined || meta) return original.call(this, schema, meta);
    let cache = byInstance.get(this);
    if (cache === undefined) byInstance.set(this, (cache = new Map()));
    let validate = cache.get(key);
    if (validate === undefined) {
      validate = original.call(this, schema, meta);
      cache.set(key, validate);
    }
    return validate;
  };
  try {
    return await task();
  } finally {
    Ajv.prototype.compile = original;
  }
}

function contentKey(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return undefined;
  if ("$id" in schema || "id" in schema) return undefined; // Ajv registers these by id: leave them alone
  const essential: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!ANNOTATIONS.has(key) && !key.startsWith("x-")) essential[key] = value;
  }
  try {
    return JSON.stringify(essential);
  } catch {
    return undefined;
  }
}
