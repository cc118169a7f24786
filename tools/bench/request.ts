/**
 * One benchmark request through the shared HTTP edge (tools/http/client.ts: timeouts, size cap, no
 * redirects): each event stamped at the arrival of its bytes, kept only as the times and counts the
 * metrics need, so memory stays flat. The outcome is a RequestRecord (metrics.ts), failures classified as
 * PERF-011 says.
 */
import { answersGet, sendRequest } from "../http/client.js";
import type { Redactor } from "../http/redact.js";
import type { TransportError } from "../http/types.js";
import { isContentBearing } from "../util/content-bearing.js";
import { packageVersion } from "../util/paths.js";
import type { FailureKind, RequestRecord } from "./metrics.js";
import type { PreparedRequest } from "./workload.js";

export interface Target {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  redact: Redactor;
}

export const USER_AGENT = `lis-bench/${packageVersion}`;

const MAX_MESSAGE = 300;

export async function sendOne(target: Target, prepared: PreparedRequest, options: { signal?: AbortSignal; scheduledAt?: number } = {}): Promise<RequestRecord> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream", "user-agent": USER_AGENT };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const contentAt: number[] = [];
  let usage: RequestRecord["usage"];
  let lastAt: number | undefined;
  let done = false;
  let streamError: string | undefined;
  const sentAt = performance.now();
  const { response, error } = await sendRequest(
    { method: "POST", url: `${target.baseUrl}/chat/completions`, headers, body: JSON.stringify(prepared.body) },
    {
      timeoutMs: target.timeoutMs,
      maxBodyBytes: target.maxBodyBytes,
      expectStream: true,
      stream: { totalWithinMs: target.timeoutMs },
      signal: options.signal,
      // A request whose kept-alive connection the server had closed is measured on a fresh one, unless the
      // server has gone (then it died on it, and the failure counts).
      mayResend: answersGet(`${target.baseUrl}/models`, target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
      keepStream: false,
      onEvent: (ev) => {
        lastAt = ev.atMs;
        if (ev.data === "[DONE]") {
          done = true;
          return;
        }
        const json = ev.json as { usage?: { completion_tokens?: unknown; prompt_tokens?: unknown }; error?: { message?: unknown } } | undefined;
        if (isContentBearing(json)) contentAt.push(ev.atMs);
        const u = json?.usage;
        if (u && typeof u.completion_tokens === "number" && typeof u.prompt_tokens === "number") usage = { completionTokens: u.completion_tokens, promptTokens: u.prompt_tokens };
        if (json?.error !== undefined && streamError === undefined) streamError = typeof json.error?.message === "string" ? json.error.message : JSON.stringify(json.error);
      },
    },
  );
  const base = { sentAt, scheduledAt: options.scheduledAt, contentAt, nominalInputTokens: prepared.nominalInputTokens };
  const failed = (kind: FailureKind, message: string): RequestRecord => ({ ...base, endAt: lastAt ?? (performance.now() - sentAt), failure: { kind, message: target.redact(message).slice(0, MAX_MESSAGE) } });
  if (error) return failed(kindOf(error, lastAt !== undefined), error.message);
  if (response.status < 200 || response.status > 299) {
    const m = (response.json as { error?: { message?: unknown } } | undefined)?.error?.message;
    return failed("http-status", `HTTP ${response.status}${typeof m === "string" ? `: ${m}` : ""}`);
  }
  if (!response.events) return failed("stream", `the response is not an event stream (Content-Type: ${response.headers["content-type"] ?? "none"})`);
  if (streamError !== undefined) return failed("stream", `the stream carried an error: ${streamError}`);
  if (!done) return failed("stream", "the stream ended without data: [DONE]");
  return { ...base, endAt: lastAt ?? response.durationMs, usage };
}

/** PERF-011's kinds for a transport error; a reset after the first event broke the stream, not the connection. */
function kindOf(error: TransportError, started: boolean): FailureKind {
  switch (error.kind) {
    case "connect":
      return "connect";
    case "timeout":
      return "timeout";
    case "oversize":
      return "oversize";
    case "deadline":
      return "cancelled";
    case "reset":
      return started ? "stream" : "connect";
    default:
      return "stream";
  }
}
