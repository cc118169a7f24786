import type { ReceivedResponse } from "../http/types.js";
import type { Redactor } from "../http/redact.js";
import { ApiError, badGateway } from "./errors.js";
import type { Engine } from "./engine.js";
import type { UpstreamError } from "./rule.js";

/**
 * An upstream's error answer as the LIS error the client gets: the dialect's error rules make the envelope
 * (error-envelope, error-map), and keys are redacted from the message (HTTP-019), since an upstream may
 * quote the key it was sent.
 */
export function upstreamError(engine: Engine, redact: Redactor, status: number, body: unknown, text?: string): ApiError {
  const e: UpstreamError = engine.error({ status, body, text });
  if (!e.envelope) return badGateway(`the model server answered with status ${status} and no error this proxy understands`);
  const { message, type, param, code } = e.envelope;
  // A 2xx or 3xx that is an error all the same (an `error` member, a redirect) is the upstream's failure.
  const finalStatus = e.status >= 400 && e.status <= 599 ? e.status : 502;
  return new ApiError(finalStatus, redact(message) || "The model server failed.", type, param, code);
}

/** A received non-2xx response as the client's error. */
export function fromResponse(engine: Engine, redact: Redactor, response: ReceivedResponse): ApiError {
  const json = response.json ?? (response.bodyText ? engine.parse(response.bodyText) : undefined);
  return upstreamError(engine, redact, response.status, json, json === undefined ? response.bodyText.slice(0, 4000) : undefined);
}
