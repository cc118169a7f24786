/**
 * The proxy's own LIS errors: those of the reference server (one error vocabulary, tools/serve/http/errors.ts)
 * and the gateway's (an upstream that cannot be reached, fails or hangs: ERR-004's server_error with 502/504).
 */
import { ApiError } from "../serve/http/errors.js";

export { ApiError };

export const unsupportedParameter = (param: string) =>
  new ApiError(400, `The parameter '${param.slice(0, 100)}' is not supported by the server behind this endpoint; leave it out (it would be ignored).`, "invalid_request_error", param, "unsupported_parameter");

/** The upstream could not be reached, closed the connection, or answered with something that is not a response. */
export const badGateway = (detail: string) =>
  new ApiError(502, `The model server behind this endpoint failed: ${detail.slice(0, 300)}`, "server_error", null, "upstream_error");

/** The upstream did not answer in time. */
export const gatewayTimeout = (detail: string) =>
  new ApiError(504, `The model server behind this endpoint did not answer in time: ${detail.slice(0, 300)}`, "server_error", null, "upstream_timeout");
