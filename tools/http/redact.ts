/**
 * Secrets never leave the runner: every text that goes into a result or report passes through a redactor
 * that replaces the API key — and any piece of it of six or more characters, in case a server echoes a
 * part — with [REDACTED]. Authorization header values are replaced whole.
 */
export const REDACTED = "[REDACTED]";
const MIN_FRAGMENT = 6;

export type Redactor = (text: string) => string;

export function makeRedactor(secrets: (string | undefined)[]): Redactor {
  const keys = secrets.filter((s): s is string => typeof s === "string" && s.length > 0);
  if (keys.length === 0) return (text) => text;
  // Encoded forms a server might echo: JSON-escaped, percent-encoded.
  const forms = new Set<string>();
  for (const k of keys) {
    forms.add(k);
    forms.add(JSON.stringify(k).slice(1, -1));
    forms.add(encodeURIComponent(k));
  }
  const grams = new Set<string>();
  for (const f of forms) {
    if (f.length < MIN_FRAGMENT) continue;
    for (let i = 0; i + MIN_FRAGMENT <= f.length; i++) grams.add(f.slice(i, i + MIN_FRAGMENT));
  }
  const short = [...forms].filter((f) => f.length < MIN_FRAGMENT);
  return (text: string) => {
    if (typeof text !== "string" || text.length === 0) return text;
    let out = text;
    for (const s of short) out = out.split(s).join(REDACTED);
    if (grams.size === 0 || out.length < MIN_FRAGMENT) return out;
    const covered = new Uint8Array(out.length);
    let any = false;
    for (let i = 0; i + MIN_FRAGMENT <= out.length; i++) {
      if (grams.has(out.slice(i, i + MIN_FRAGMENT))) {
        covered.fill(1, i, i + MIN_FRAGMENT);
        any = true;
      }
    }
    if (!any) return out;
    let result = "";
    for (let i = 0; i < out.length; i++) {
      if (covered[i]) {
        if (i === 0 || !covered[i - 1]) result += REDACTED;
      } else result += out[i];
    }
    return result;
  };
}

/** Applies a redactor to every string inside a JSON-like value. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    out[k] = lower === "authorization" || lower === "proxy-authorization" || lower === "api-key" || lower === "x-api-key"
      ? v.replace(/^(\S+\s+)?.*$/, (_m, scheme?: string) => `${scheme ?? ""}${REDACTED}`)
      : redact(v);
  }
  return out;
}

const SECRET_NAME = /auth|key|token|secret|passw|cookie|session|signature|credential/i;

/**
 * Whether a header given on the command line (`--header 'Name: value'`) is to be treated like the API key:
 * its name says so (X-Api-Key, X-Auth-Token, Cookie…), or its value looks like a credential (a scheme such
 * as `Bearer …`, a known key prefix, or a long unbroken run of letters and digits mixed).
 */
export function looksSecret(name: string, value: string): boolean {
  if (SECRET_NAME.test(name)) return true;
  const v = value.trim();
  if (/^(bearer|basic|token|digest)\s+\S/i.test(v) || /^(sk|pk|rk|ghp|gho|ghs|xox[abp]|hf|glpat|AKIA)[-_]?[A-Za-z0-9]{8,}/.test(v)) return true;
  return /^[A-Za-z0-9+/=_.:-]{20,}$/.test(v) && /[A-Za-z]/.test(v) && /\d/.test(v);
}
