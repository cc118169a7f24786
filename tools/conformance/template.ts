/**
 * `${...}` variables in case files (conformance/README.md#variables): `${model}`, `${embeddingModel}`,
 * captures, `${secret:apiKey}` (headers only) and `${repeat:<count>:<text>}`.
 */
export interface TemplateScope {
  variables: Record<string, unknown>;
  secrets: Record<string, string | undefined>;
}

export class TemplateError extends Error {}

const VARIABLE = /\$\{([^}]*)\}/g;
const WHOLE = /^\$\{([^}]*)\}$/;
export const MAX_REPEAT = 16 * 1024 * 1024;

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
  const repeat = /^repeat:(\d+):([\s\S]*)$/.exec(name);
  if (repeat) {
    const count = Number(repeat[1]);
    if (count * Math.max(1, repeat[2].length) > MAX_REPEAT) throw new TemplateError(`\${${name.slice(0, 30)}…} is longer than ${MAX_REPEAT} characters`);
    return repeat[2].repeat(count);
  }
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
