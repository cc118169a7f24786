/** Faults of spec/1.0/http.md. */
import { ApiError, invalidRequest, pathNotFound, unauthorized } from "../http/errors.js";
import { header, onError } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

const ENDPOINT_PATHS = ["/v1/models", "/v1/chat/completions", "/v1/embeddings"];

export const httpFaults: FaultDefinition[] = [
  {
    clause: "HTTP-001",
    description: "GET /models/{model} is not served (404 not_found, as an unknown path)",
    intercept(ctx) {
      if (ctx.endpoint !== "model") return undefined;
      throw pathNotFound(ctx.method, ctx.path);
    },
  },
  {
    clause: "HTTP-003",
    description: "a Content-Type other than exactly `application/json` (parameters, other case) is refused with 415",
    intercept(ctx) {
      const type = header(ctx, "content-type");
      if (ctx.method !== "POST" || type === undefined || type === "application/json") return undefined;
      throw new ApiError(415, `Content-Type must be exactly 'application/json', got '${type}'.`, "invalid_request_error", null, "unsupported_media_type");
    },
  },
  {
    clause: "HTTP-004",
    description: "a POST body of any Content-Type (text/plain, form) is parsed as JSON instead of answered 415",
    flags: ["accept-any-content-type"],
  },
  {
    clause: "HTTP-006",
    description: "JSON strings with characters outside the Basic Multilingual Plane (emoji, escaped surrogate pairs) are rejected with 400",
    transformRequest(body) {
      if (/[\uD800-\uDFFF]/.test(JSON.stringify(body))) throw invalidRequest("Characters outside the Basic Multilingual Plane are not supported.", null);
      return body;
    },
  },
  {
    clause: "HTTP-007",
    description: "a body that is not well-formed UTF-8 is decoded leniently (U+FFFD) and served instead of rejected",
    flags: ["lenient-utf8"],
  },
  {
    clause: "HTTP-008",
    description: "requests carrying the SDKs' telemetry headers (X-Stainless-*, OpenAI-Organization) are rejected with 400",
    intercept(ctx) {
      const telemetry = Object.keys(ctx.headers).find((h) => h.startsWith("x-stainless-") || h === "openai-organization" || h === "openai-project");
      if (!telemetry) return undefined;
      throw invalidRequest(`Unsupported header '${telemetry}'.`, null, "unsupported_header");
    },
  },
  {
    clause: "HTTP-009",
    description: "request bodies over 512 KiB (less than the required 1 MiB) are rejected with 413",
    flags: ["small-body-limit"],
  },
  {
    clause: "HTTP-010",
    description: "an oversized body is answered with status 400 (code invalid_value) instead of 413 request_too_large",
    transformStatus: (status) => (status === 413 ? 400 : status),
    transformBody: onError((error) => (error.code === "request_too_large" ? { ...error, code: "invalid_value" } : error)),
  },
  {
    clause: "HTTP-011",
    description: "JSON responses are labelled `text/plain`",
    transformHeaders: (headers) => (headers["Content-Type"]?.startsWith("application/json") ? { ...headers, "Content-Type": "text/plain; charset=utf-8" } : headers),
  },
  {
    clause: "HTTP-012",
    description: "successful JSON bodies carry a non-JSON literal (`\"score\":NaN`)",
    transformText: (text, ctx) => (ctx.status < 300 && text.endsWith("}") ? `${text.slice(0, -1)},"score":NaN}` : text),
  },
  {
    clause: "HTTP-013",
    description: "an endpoint path with a trailing slash is redirected (308) to the path without it",
    intercept(ctx) {
      const bare = ctx.path.replace(/\/+$/, "");
      if (bare === ctx.path || !(ENDPOINT_PATHS.includes(bare) || bare.startsWith("/v1/models/"))) return undefined;
      return { status: 308, headers: { Location: bare, "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify({ error: { message: `Moved to ${bare}`, type: "invalid_request_error", param: null, code: "moved" } }) };
    },
  },
  {
    clause: "HTTP-016",
    description: "the scheme name `Bearer` is matched case-sensitively (`bearer <key>` is refused with 401)",
    flags: ["case-sensitive-bearer"],
  },
  {
    clause: "HTTP-017",
    description: "a server started with --api-key serves requests without a key or with a wrong key",
    flags: ["skip-auth"],
  },
  {
    clause: "HTTP-019",
    description: "the 401 message quotes the presented API key",
    transformBody: onError((error, ctx) => {
      const key = /^\s*bearer\s+(.+)$/i.exec(header(ctx, "authorization") ?? "")?.[1];
      return key ? { ...error, message: `${error.message} (got '${key}')` } : error;
    }, 401),
  },
  {
    clause: "HTTP-021",
    description: "a server without --api-key rejects requests that carry an Authorization header (401)",
    intercept(ctx) {
      if (ctx.authRequired || header(ctx, "authorization") === undefined) return undefined;
      throw unauthorized("This server takes no API key; remove the Authorization header.");
    },
  },
  {
    clause: "HTTP-023",
    description: "unknown paths are answered with status 400 (still an error envelope) instead of 404",
    transformStatus: (status, ctx) => (ctx.endpoint === "none" && status === 404 ? 400 : status),
  },
  {
    clause: "HTTP-024",
    description: "a known path with an unsupported method is answered 404 not_found instead of 405",
    transformStatus: (status) => (status === 405 ? 404 : status),
    transformBody: onError((error) => (error.code === "method_not_allowed" ? { ...error, type: "not_found_error", code: "not_found" } : error)),
    transformHeaders: ({ Allow: _, ...rest }) => rest,
  },
  {
    clause: "HTTP-025",
    description: "405 responses carry no Allow header",
    transformHeaders: (headers, ctx) => {
      if (ctx.status !== 405) return headers;
      const { Allow: _, ...rest } = headers;
      return rest;
    },
  },
  {
    clause: "HTTP-028",
    description: "CORS is on, but the preflight answer's Access-Control-Allow-Headers omits Authorization",
    flags: ["force-cors"],
    transformHeaders: (headers) =>
      headers["Access-Control-Allow-Headers"] ? { ...headers, "Access-Control-Allow-Headers": "Content-Type, LIS-Version, X-Request-Id" } : headers,
  },
];

