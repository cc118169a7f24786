/**
 * `${...}` variables in case files (conformance/README.md#variables): `${model}`, `${embeddingModel}`,
 * captures, `${secret:apiKey}` (headers only), `${repeat:<count>:<text>}` and `${list:<count>:<text>}`.
 */
import { Buffer } from "node:buffer";

export interface TemplateScope {
  variables: Record<string, unknown>;
  secrets: Record<string, string | undefined>;
}

export class TemplateError extends Error {}

const VARIABLE = /\$\{([^}]*)\}/g;
const WHOLE = /^\$\{([^}]*)\}$/;
export const MAX_REPEAT = 16 * 1024 * 1024;
/** `${list:…}` sizes a request by a limit the server states, so its count is bounded here, not in the case. */
export const MAX_LIST_ITEMS = 100_000;
/** `${repeat:<count>:<text>}`. */
const REPEAT = /^repeat:(\d+):([\s\S]*)$/;
/** `${list:<count>:<text>}`: the count is a number or the name of a variable holding one. */
export const LIST = /^list:(\d+|[A-Za-z_][A-Za-z0-9_]*):([\s\S]*)$/;

/** The names a string refers to (for load-time checks), e.g. ["model", "secret:apiKey"]. */
export function referencedNames(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1]);
}

function resolve(name: string, scope: TemplateScope): unknown {
  if (name.startsWith("secret:")) {
    const secret = scope.secrets[name.slice("secret:".length)];
    if (secret === undefined) throw new TemplateError(`no value for \${${name}} (give --api-key or set LIS_API_KEY)`);
    return secret;
  }
  const repeat = REPEAT.exec(name);
  if (repeat) {
    const count = Number(repeat[1]);
    if (count * Math.max(1, repeat[2].length) > MAX_REPEAT) throw new TemplateError(`\${${name.slice(0, 30)}…} is longer than ${MAX_REPEAT} characters`);
    return repeat[2].repeat(count);
  }
  const list = LIST.exec(name);
  if (list) {
    const count = /^\d+$/.test(list[1]) ? Number(list[1]) : variable(list[1], scope);
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) {
      throw new TemplateError(`\${list:${list[1]}:…} needs a whole number of items, but ${list[1]} is ${JSON.stringify(count)?.slice(0, 40)}`);
    }
    if (count > MAX_LIST_ITEMS || count * Math.max(1, list[2].length) > MAX_REPEAT) {
      throw new TemplateError(`\${list:${list[1]}:…} asks for ${count} items, more than the runner sends (at most ${MAX_LIST_ITEMS} items, ${MAX_REPEAT} characters)`);
    }
    return new Array<string>(count).fill(list[2]);
  }
  return variable(name, scope);
}

function variable(name: string, scope: TemplateScope): unknown {
  if (!Object.prototype.hasOwnProperty.call(scope.variables, name) || scope.variables[name] === undefined) {
    throw new TemplateError(`no value for \${${name}}`);
  }
  return scope.variables[name];
}

const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Expands one string; a string that is exactly one `${name}` keeps the value's JSON type. */
export function expandString(text: string, scope: TemplateScope, encode?: (s: string) => string): unknown {
  const whole = WHOLE.exec(text);
  if (whole && !encode) return resolve(whole[1], scope);
  return text.replace(VARIABLE, (_, name: string) => {
    const value = asText(resolve(name, scope));
    return encode ? encode(value) : value;
  });
}

/** Expands every string inside a JSON value (object keys are left alone). */
export function expandValue(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === "string") return expandString(value, scope);
  if (Array.isArray(value)) return value.map((v) => expandValue(v, scope));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = expandValue(v, scope);
    return out;
  }
  return value;
}

/** Expands a request path: variables are percent-encoded as one path segment. */
export function expandPath(path: string, scope: TemplateScope): string {
  return String(expandString(path, scope, encodeURIComponent));
}

/** A piece of a serialised body: JSON text, or one JSON-escaped unit written `count` times. */
type BodyPiece = string | { unit: string; count: number };

/**
 * Expands a JSON body template and serialises it to the bytes of `JSON.stringify(expandValue(template))`.
 * `${repeat:…}` runs are written as a byte fill rather than built, escaped and encoded as one huge string
 * (HTTP-010 sends 16 MB: that took more time than sending it). `text()` gives the body as text on demand
 * (evidence only).
 */
export function expandJsonBody(template: unknown, scope: TemplateScope): { value: unknown; bytes: Buffer; text: () => string } {
  const pieces: BodyPiece[] = [];
  const value = serialise(template, scope, pieces);
  let length = 0;
  for (const p of pieces) length += typeof p === "string" ? Buffer.byteLength(p) : Buffer.byteLength(p.unit) * p.count;
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const p of pieces) {
    if (typeof p === "string") at += bytes.write(p, at);
    else {
      const end = at + Buffer.byteLength(p.unit) * p.count;
      if (end > at) bytes.fill(p.unit, at, end);
      at = end;
    }
  }
  // allocUnsafe: every byte must have been written, or process memory would go out on the wire.
  if (at !== length) throw new Error(`request body assembly wrote ${at} of ${length} bytes`);
  return { value, bytes, text: () => bytes.toString("utf8") };
}

// A lone surrogate is escaped by JSON.stringify, a pair is not: units with surrogates take the plain path,
// so that no piece boundary can split a pair.
const fillable = (unit: string) => !/[\uD800-\uDFFF]/.test(unit);
const hasRepeat = (value: unknown): boolean =>
  typeof value === "string" ? value.includes("${repeat:") : Array.isArray(value) ? value.some(hasRepeat) : typeof value === "object" && value !== null && Object.values(value).some(hasRepeat);

/** Appends the JSON text of the expanded template to `out` and returns the expanded value. */
function serialise(template: unknown, scope: TemplateScope, out: BodyPiece[]): unknown {
  if (!hasRepeat(template)) {
    const value = expandValue(template, scope);
    out.push(JSON.stringify(value));
    return value;
  }
  if (typeof template === "string") {
    // Text and ${…} values in order (as expandString writes them); each fillable repeat becomes one fill
    // piece. The value is built by concatenation, which V8 keeps as a rope: a 16 MB run is never copied.
    out.push('"');
    let last = 0;
    let text = "";
    let value = "";
    for (const m of template.matchAll(VARIABLE)) {
      const resolved = asText(resolve(m[1], scope));
      const literal = template.slice(last, m.index);
      value += literal + resolved;
      text += literal;
      last = m.index! + m[0].length;
      const repeat = REPEAT.exec(m[1]);
      if (repeat && fillable(repeat[2])) {
        out.push(JSON.stringify(text).slice(1, -1), { unit: JSON.stringify(repeat[2]).slice(1, -1), count: Number(repeat[1]) });
        text = "";
      } else text += resolved;
    }
    out.push(JSON.stringify(text + template.slice(last)).slice(1, -1), '"');
    return value + template.slice(last);
  }
  if (Array.isArray(template)) {
    out.push("[");
    const value = template.map((v, i) => {
      if (i > 0) out.push(",");
      return serialise(v, scope, out);
    });
    out.push("]");
    return value;
  }
  const value: Record<string, unknown> = {};
  out.push("{");
  Object.entries(template as Record<string, unknown>).forEach(([k, v], i) => {
    out.push(`${i > 0 ? "," : ""}${JSON.stringify(k)}:`);
    value[k] = serialise(v, scope, out);
  });
  out.push("}");
  return value;
}
