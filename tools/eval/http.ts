/**
 * The runner's HTTP edge: one JSON request with retries on transient failures (EVAL-006). Delays are
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
  for (let attempt = 0; attempt <= client.policy.maxRetries; attempt++) {
    let retryAfter: string | null = null;
    try {
      const res = await fetch(`${client.baseUrl}${path}`, {
        method,
        redirect: "manual",
        headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...(client.apiKey ? { Authorization: `Bearer ${client.apiKey}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(client.policy.timeoutMs),
      });
      const text = await readCapped(res);
      if (res.ok) {
        try {
          return { ok: true, value: JSON.parse(text), attempts: attempt + 1 };
        } catch {
          return { ok: false, error: `HTTP ${res.status} with a body that is not JSON`, attempts: attempt + 1, transient: false };
        }
      }
      last = { error: `HTTP ${res.status}${errorMessage(text)}`, transient: isTransientStatus(res.status) };
      retryAfter = res.headers.get("retry-after");
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      last = { error: e.name === "TimeoutError" ? `timed out after ${client.policy.timeoutMs} ms` : `transport error: ${e.cause?.code ?? e.message}`, transient: true };
    }
    if (!last.transient || attempt === client.policy.maxRetries) return { ok: false, ...last, attempts: attempt + 1 };
    await sleep(backoffDelay(attempt, client.policy, retryAfter));
  }
  return { ok: false, ...last, attempts: client.policy.maxRetries + 1 };
}

async function readCapped(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** `: <error.message>` of an error envelope, shortened, or nothing. */
function errorMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof m === "string" ? `: ${m.slice(0, 200)}` : "";
  } catch {
    return "";
  }
}
