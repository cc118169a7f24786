import { isObj, type RepairRule } from "../rule.js";

/** ERR-004's table: the type that goes with each status. */
export function typeForStatus(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** The code of the error-code table that a status alone implies, where there is exactly one. */
const CODE_FOR_STATUS: Record<number, string> = { 401: "invalid_api_key", 405: "method_not_allowed", 413: "request_too_large", 415: "unsupported_media_type", 429: "rate_limit_exceeded", 500: "internal_error" };

const FIELD_PATH = /^([A-Za-z_][A-Za-z0-9_]*|\[".*"\])(\.[A-Za-z_][A-Za-z0-9_]*|\[(0|[1-9]\d*)\]|\[".*"\])*$/;

/**
 * Any upstream error becomes the LIS envelope `{"error": {message, type, param, code}}` (ERR-001 to ERR-008):
 * llama.cpp's integer `code` and missing `param`, vLLM's exception names as `type`, `{"detail": …}` from
 * Starlette, a flat `{"message": …}`, `{"error": "text"}`, plain text or HTML. The type follows the status
 * (ERR-005); a JSON Pointer in `param` becomes a field path; 422 becomes 400 (ERR-011).
 */
export const errorEnvelope: RepairRule = {
  keyword: "error-envelope",
  description: "turn any upstream error body into the LIS error envelope",
  error(e) {
    if (e.status === 422) e.status = 400;
    const inner = isObj(e.body) && isObj(e.body.error) ? e.body.error : isObj(e.body) ? e.body : {};
    const message = firstText(inner.message, isObj(e.body) ? e.body.error : undefined, isObj(e.body) ? e.body.detail : undefined, e.text) ?? `The model server answered with status ${e.status}.`;
    const code = typeof inner.code === "string" && inner.code !== "" ? inner.code : (CODE_FOR_STATUS[e.status] ?? null);
    e.envelope = { message, type: typeForStatus(e.status), param: fieldPath(inner.param), code };
  },
};

function firstText(...candidates: unknown[]): string | undefined {
  for (const c of candidates) {
    if (typeof c === "string" && c.trim() !== "") return c.trim().slice(0, 2000);
    // Starlette's validation errors: {"detail": [{"loc": [...], "msg": "..."}]}
    if (Array.isArray(c) && c.length > 0 && isObj(c[0]) && typeof c[0].msg === "string") return c.map((d) => (isObj(d) ? String(d.msg) : "")).join("; ").slice(0, 2000);
  }
  return undefined;
}

/** A field path (errors.md), from one or from a JSON Pointer; null when it is neither. */
export function fieldPath(param: unknown): string | null {
  if (typeof param !== "string" || param === "") return null;
  if (param.startsWith("/")) {
    const parts = param.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (parts[0] === "") return null;
    return parts.map((p, i) => (/^(0|[1-9]\d*)$/.test(p) && i > 0 ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? (i === 0 ? p : `.${p}`) : `[${JSON.stringify(p)}]`)).join("");
  }
  return FIELD_PATH.test(param) ? param : null;
}
