import { sendRequest } from "../http/client.js";
import { packageVersion } from "../util/paths.js";

/**
 * The eval runner's HTTP edge: one JSON request with retries on transient failures (EVAL-006). Delays are
 * exponential without jitter (base · 2^retry, capped) so that runs and tests are reproducible; a
 * Retry-After header replaces the computed delay, within the same cap.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 8000, timeoutMs: 60_000 };

/** Largest response body read (bytes). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; error: string; attempts: number; transient: boolean };

export const isTransientStatus = (status: number) => status === 429 || status === 408 || status >= 500;

/** Delay before retry number `retry` (0-based): base·2^retry, at most the cap; Retry-After (seconds) when given, also capped. */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfter?: string | null): number {
  const seconds = retryAfter != null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  if (seconds !== undefined) return Math.min(seconds * 1000, policy.maxDelayMs);
  return Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface JsonClient {
  baseUrl: string;
  apiKey?: string;
  policy: RetryPolicy;
}

/** GET or POST JSON; transient failures (429, 408, 5xx, transport, timeout) are retried, others are final. */
export async function requestJson(client: JsonClient, method: "GET" | "POST", path: string, body?: unknown): Promise<Attempted<unknown>> {
  let last: { error: string; transient: boolean } = { error: "not attempted", transient: false };
  const headers: Record<string, string> = { "user-agent": `lis-eval/${packageVersion}`, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (client.apiKey) headers.authorization = `Bearer ${client.apiKey}`;
  for (let attempt = 0; attempt <= client.policy.maxRetries; attempt++) {
    // The conformance runner's transport: no redirects followed, the body capped, every failure a value.
    const { response, error } = await sendRequest(
      { method, url: `${client.baseUrl}${path}`, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      { timeoutMs: client.policy.timeoutMs, maxBodyBytes: MAX_RESPONSE_BYTES },
    );
    // A body over a cap is what the server sends, not a passing fault: asking again would get it again.
    if (error?.kind === "oversize" || error?.kind === "json-limit") return { ok: false, error: error.message, attempts: attempt + 1, transient: false };
    if (error) last = { error: error.kind === "timeout" ? `timed out after ${client.policy.timeoutMs} ms` : `transport error: ${error.message}`, transient: true };
    else if (response.status >= 200 && response.status < 300) {
      if (response.json !== undefined) return { ok: true, value: response.json, attempts: attempt + 1 };
      return { ok: false, error: `HTTP ${response.status} with a body that is not JSON`, attempts: attempt + 1, transient: false };
    } else last = { error: `HTTP ${response.status}${errorMessage(response.json)}`, transient: isTransientStatus(response.status) };
    if (!last.transient || attempt === client.policy.maxRetries) return { ok: false, ...last, attempts: attempt + 1 };
    await sleep(backoffDelay(attempt, client.policy, response?.headers["retry-after"]));
  }
  return { ok: false, ...last, attempts: client.policy.maxRetries + 1 };
}

/** `: <error.message>` of an error envelope, shortened, or nothing. */
function errorMessage(json: unknown): string {
  const m = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof m === "string" ? `: ${m.slice(0, 200)}` : "";
}
