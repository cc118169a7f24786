/**
 * The error envelope every failure is sent in: {"error": {"message", "type", "param", "code"}}, all four
 * keys always present (null when they do not apply). `param` names the offending request field as a
 * path (`messages[0].role`).
 */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Extra response headers (Allow for 405, WWW-Authenticate for 401). */
    readonly headers: Record<string, string> = {},
    /** A finer reason, for fault hooks (not sent). */
    readonly reason?: string,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null, code: string | null = "invalid_value") =>
  new ApiError(400, message, "invalid_request_error", param, code);

/** `name` is the member's field path, used as `param` and in the message. */
export const unknownParameter = (name: string, param: string = name) =>
  new ApiError(400, `Unknown parameter: '${name.slice(0, 100)}'. Remove it; this server does not implement it.`, "invalid_request_error", param, "unknown_parameter");

export const unsupportedValue = (message: string, param: string) =>
  new ApiError(400, message, "invalid_request_error", param, "unsupported_value");

export const contextLengthExceeded = (message: string, param: string) =>
  new ApiError(400, message, "invalid_request_error", param, "context_length_exceeded");

export const unsupportedLisVersion = (got: string, implemented: readonly string[] = ["1.0"]) =>
  new ApiError(
    400,
    `Unsupported LIS-Version '${got.slice(0, 40)}': this server implements LIS ${implemented.join(" and ")} (send 'LIS-Version: ${implemented[implemented.length - 1]}' or no header).`,
    "invalid_request_error",
    null,
    "unsupported_lis_version",
  );

export const unsupportedMediaType = (got: string) =>
  new ApiError(415, `The request body must be JSON: send 'Content-Type: application/json' (got '${got.slice(0, 80)}').`, "invalid_request_error", null, "unsupported_media_type");

export const invalidJson = (message: string, reason: "malformed-json" | "not-an-object" | "bad-utf8") =>
  new ApiError(400, message, "invalid_request_error", null, "invalid_json", {}, reason);

export const missingParameter = (param: string) =>
  new ApiError(400, `Missing required parameter: '${param}'.`, "invalid_request_error", param, "missing_required_parameter");

export const modelNotFound = (model: string) =>
  new ApiError(404, `The model '${model.slice(0, 200)}' does not exist. GET /v1/models lists the models this server serves.`, "not_found_error", "model", "model_not_found");

export const pathNotFound = (method: string, path: string) =>
  new ApiError(404, `Unknown path: ${method} ${path.slice(0, 200)}. This server serves the endpoints of LIS's endpoint registry (GET /v1/models, POST /v1/chat/completions, …); GET /v1/.well-known/lis lists its profiles.`, "not_found_error", null, "not_found");

export const methodNotAllowed = (method: string, path: string, allow: string[]) =>
  new ApiError(405, `Method ${method} is not allowed on ${path}; use ${allow.join(" or ")}.`, "invalid_request_error", null, "method_not_allowed", { Allow: allow.join(", ") });

export const unauthorized = (why: string) =>
  new ApiError(401, `${why} Send the key as 'Authorization: Bearer <key>'.`, "authentication_error", null, "invalid_api_key", { "WWW-Authenticate": 'Bearer realm="lis"' });

export const payloadTooLarge = (limit: number) =>
  new ApiError(413, `The request body is larger than this server's limit of ${limit} bytes.`, "invalid_request_error", null, "request_too_large");

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);

export const wrongTypeError = (param: string, expected: string, got: unknown) =>
  invalidRequest(`Invalid type for '${param}': expected ${expected}, but got ${describe(got)}.`, param, "invalid_type");
