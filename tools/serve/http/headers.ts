import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { unsupportedLisVersion, unsupportedMediaType } from "./errors.js";

/** The request's own x-request-id when it is 1-128 visible ASCII characters (HTTP-015), else a fresh one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  if (typeof given === "string" && /^[\x21-\x7e]{1,128}$/.test(given)) return given;
  // Unique, not secret: a random prefix per process and a counter (a UUID per request cost a proxy 3 µs).
  return `req_${ID_PREFIX}${(++idCount).toString(16).padStart(8, "0")}`;
}
const ID_PREFIX = randomUUID().replaceAll("-", "").slice(0, 16);
let idCount = 0;

/**
 * VER-003..005: no header, or any version of an implemented major (with an optional patch), is served;
 * anything else is refused, naming the implemented versions.
 */
export function checkLisVersion(req: IncomingMessage, implemented: readonly string[]): void {
  const v = req.headers["lis-version"];
  if (v === undefined) return;
  const value = Array.isArray(v) ? v.join(",") : v;
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(\.(0|[1-9]\d*))?$/.exec(value.trim());
  if (!m || !implemented.some((v) => v.split(".")[0] === m[1])) throw unsupportedLisVersion(value, implemented);
}

/**
 * HTTP-003..005: a POST body must be declared `application/json` (any case, any parameters); another
 * media type is refused with 415 before it is read, and so is a body without a Content-Type unless
 * `untypedIsJson` (HTTP-005's permission to read it as JSON).
 */
export function checkJsonContentType(req: IncomingMessage, untypedIsJson = false): void {
  const type = req.headers["content-type"];
  if (type === undefined) {
    if (untypedIsJson) return;
    const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (hasBody) throw unsupportedMediaType("(no Content-Type header)");
    return;
  }
  const media = type.split(";")[0].trim().toLowerCase();
  if (media !== "application/json") throw unsupportedMediaType(type);
}

/** The CORS preflight answer (HTTP-028, VER-006): no credentials needed, the headers clients send allowed. */
export function preflightHeaders(origin: string, allow: string[]): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": allow.join(", "),
    "Access-Control-Allow-Headers": "Authorization, Content-Type, LIS-Version, X-Request-Id",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

export function corsHeaders(origin: string): Record<string, string> {
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "LIS-Version, X-Request-Id", Vary: "Origin" };
}
