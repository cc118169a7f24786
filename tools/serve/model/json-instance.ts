/**
 * A generator of a small valid instance of a JSON Schema, for tool-call arguments and structured output.
 * It understands type (and type lists), enum, const, required/properties/additionalProperties,
 * minimum/maximum (exclusive too), multipleOf, minLength/maxLength, format (common ones), items,
 * minItems/maxItems, uniqueItems (for sampled strings), anyOf/oneOf (first branch), allOf (merged),
 * local $ref (#/$defs/..., #/definitions/...). Free strings come from the model (`text`), so the output
 * reads like the model's. The caller validates the result with ajv: a schema outside this subset (e.g.
 * `pattern`) may produce an instance that does not validate, and the caller says so.
 */
type Schema = Record<string, unknown> | boolean;

/** A string the model sampled (kept apart so that its tokens keep their log-probabilities). */
export class SampledString<T = unknown> {
  constructor(
    readonly text: string,
    readonly tokens: T[],
  ) {}
}

export type Instance = null | boolean | number | string | SampledString | Instance[] | { [key: string]: Instance };

export interface InstanceOptions {
  /** A sampled string of `minLength..maxLength` characters (at most a few words when unbounded). */
  text(minLength: number, maxLength: number): SampledString;
  /** Include optional properties too (the caller retries without them if the result is invalid). */
  allProperties: boolean;
}

const FORMATS: Record<string, string> = {
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  time: "00:00:00Z",
  email: "fox@example.com",
  "idn-email": "fox@example.com",
  uri: "https://example.com/fox",
  "uri-reference": "https://example.com/fox",
  iri: "https://example.com/fox",
  url: "https://example.com/fox",
  uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "127.0.0.1",
  ipv6: "::1",
  duration: "P1D",
};

const MAX_DEPTH = 12;

export function generateInstance(schema: unknown, options: InstanceOptions): Instance {
  return gen(schema as Schema, schema as Schema, options, 0);
}

function gen(schema: Schema, root: Schema, o: InstanceOptions, depth: number): Instance {
  if (typeof schema !== "object" || schema === null || depth > MAX_DEPTH) return null;
  let s = schema as Record<string, unknown>;
  if (typeof s.$ref === "string") {
    const target = resolveRef(root, s.$ref);
    if (target !== undefined) return gen(target as Schema, root, o, depth + 1);
  }
  if (Array.isArray(s.allOf)) s = mergeAll(s, s.allOf, root);
  if ("const" in s) return s.const as Instance;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0] as Instance;
  for (const key of ["anyOf", "oneOf"]) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const { [key]: _, ...rest } = s;
      return gen(mergeAll(rest, [branches[0]], root), root, o, depth + 1);
    }
  }
  switch (typeOf(s)) {
    case "null":
      return null;
    case "boolean":
      return true;
    case "integer":
      return numberIn(s, true);
    case "number":
      return numberIn(s, false);
    case "string":
      return stringIn(s, o);
    case "array":
      return arrayIn(s, root, o, depth);
    case "object":
      return objectIn(s, root, o, depth);
    default:
      return o.text(0, Infinity);
  }
}

function typeOf(s: Record<string, unknown>): string | undefined {
  const t = s.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return (t.find((x) => x !== "null") ?? t[0]) as string | undefined;
  if (s.properties || s.required || s.additionalProperties !== undefined) return "object";
  if (s.items || s.minItems !== undefined) return "array";
  if (s.minLength !== undefined || s.maxLength !== undefined || s.format || s.pattern) return "string";
  if (s.minimum !== undefined || s.maximum !== undefined) return "number";
  return undefined;
}

function numberIn(s: Record<string, unknown>, integer: boolean): number {
  const num = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  const step = num("multipleOf") ?? (integer ? 1 : undefined);
  const lo = num("minimum");
  const exLo = num("exclusiveMinimum");
  const hi = num("maximum");
  const exHi = num("exclusiveMaximum");
  let v = lo ?? (exLo !== undefined ? exLo : 0);
  if (hi !== undefined && v > hi) v = hi;
  if (exHi !== undefined && v >= exHi) v = exHi - (step ?? 1);
  if (step !== undefined) {
    v = Math.ceil(v / step) * step;
    if (exLo !== undefined && v <= exLo) v += step;
    if (integer) v = Math.ceil(v);
  } else if (exLo !== undefined && v <= exLo) {
    v = exHi !== undefined ? (exLo + exHi) / 2 : exLo + 1;
  }
  return Object.is(v, -0) ? 0 : v;
}

function stringIn(s: Record<string, unknown>, o: InstanceOptions): string | SampledString {
  if (typeof s.format === "string" && FORMATS[s.format]) return FORMATS[s.format];
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  return o.text(min, max);
}

function arrayIn(s: Record<string, unknown>, root: Schema, o: InstanceOptions, depth: number): Instance[] {
  const min = typeof s.minItems === "number" ? s.minItems : 0;
  const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
  const count = Math.min(Math.max(min, 1), max, 64);
  const items = (typeof s.items === "object" && s.items !== null && !Array.isArray(s.items) ? s.items : {}) as Schema;
  const out: Instance[] = [];
  for (let i = 0; i < count; i++) out.push(gen(items, root, o, depth + 1));
  return out;
}

function objectIn(s: Record<string, unknown>, root: Schema, o: InstanceOptions, depth: number): { [key: string]: Instance } {
  const props = (typeof s.properties === "object" && s.properties !== null ? s.properties : {}) as Record<string, Schema>;
  const required = Array.isArray(s.required) ? (s.required as unknown[]).filter((k): k is string => typeof k === "string") : [];
  const keys = o.allProperties ? [...new Set([...Object.keys(props), ...required])] : required;
  const out: { [key: string]: Instance } = {};
  for (const key of keys) {
    const sub = props[key] ?? (typeof s.additionalProperties === "object" ? (s.additionalProperties as Schema) : {});
    out[key] = gen(sub, root, o, depth + 1);
  }
  return out;
}

function resolveRef(root: Schema, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").filter((p) => p !== "")) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Merges allOf branches shallowly: properties and required unite, other keywords: the last one wins. */
function mergeAll(base: Record<string, unknown>, branches: unknown[], root: Schema): Record<string, unknown> {
  const { allOf: _, ...merged } = base;
  for (let branch of branches) {
    if (typeof branch !== "object" || branch === null) continue;
    const b = branch as Record<string, unknown>;
    if (typeof b.$ref === "string") branch = resolveRef(root, b.$ref) ?? {};
    for (const [k, v] of Object.entries(branch as Record<string, unknown>)) {
      if (k === "properties" && typeof v === "object") merged.properties = { ...(merged.properties as object), ...(v as object) };
      else if (k === "required" && Array.isArray(v)) merged.required = [...((merged.required as unknown[]) ?? []), ...v];
      else if (!(k in merged)) merged[k] = v;
    }
  }
  return merged;
}

/** The plain JSON value (sampled strings as strings), for validation. */
export function toPlain(value: Instance): unknown {
  if (value instanceof SampledString) return value.text;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

/**
 * Serialises compactly as a sequence of segments: fixed JSON text, and sampled strings (whose text needs
 * no escaping: the model only samples strings without quotes, backslashes or control characters).
 */
export function serialise(value: Instance, out: (string | SampledString)[] = []): (string | SampledString)[] {
  if (value instanceof SampledString) {
    out.push('"', value, '"');
  } else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((v, i) => {
      if (i > 0) out.push(",");
      serialise(v, out);
    });
    out.push("]");
  } else if (value !== null && typeof value === "object") {
    out.push("{");
    Object.entries(value).forEach(([k, v], i) => {
      out.push(`${i > 0 ? "," : ""}${JSON.stringify(k)}:`);
      serialise(v, out);
    });
    out.push("}");
  } else {
    out.push(JSON.stringify(value));
  }
  return out;
}
