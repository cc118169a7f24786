/**
 * The metrics of spec/1.1/performance.md as pure functions over what the load generator recorded for one
 * request: its send time and the arrival times of its events (monotonic ms, PERF-001). Nothing here reads
 * a clock or the network.
 */

export type FailureKind = "connect" | "timeout" | "http-status" | "stream" | "oversize" | "cancelled";
export const FAILURE_KINDS: readonly FailureKind[] = ["connect", "timeout", "http-status", "stream", "oversize", "cancelled"];

/** What the load generator records for one request. Times are ms on the client's monotonic clock. */
export interface RequestRecord {
  /** When the tool began sending the request. */
  sentAt: number;
  /** Open loop: when it was scheduled to be sent. */
  scheduledAt?: number;
  /** Arrival times of the content-bearing events, ms after sentAt. */
  contentAt: number[];
  /** Arrival time of the last event, or of the end of the body, ms after sentAt. */
  endAt: number;
  /** usage.completion_tokens / prompt_tokens when the response carried usage. */
  usage?: { completionTokens: number; promptTokens: number };
  /** Prompt length the workload meant to send (the fallback for input tokens). */
  nominalInputTokens?: number;
  failure?: { kind: FailureKind; message: string };
}

export interface RequestMetrics {
  ttftMs?: number;
  itlMs: number[];
  tpotMs?: number;
  e2eMs: number;
  outputTokens: number;
  inputTokens?: number;
  /** Output tokens per second of end-to-end latency (PERF-006). */
  outputTokensPerS?: number;
  /** Whether the token counts came from usage (PERF-007). */
  fromUsage: boolean;
}

/** PERF-002 to PERF-007 for one successful request. */
export function requestMetrics(r: RequestRecord): RequestMetrics {
  const fromUsage = r.usage !== undefined;
  const outputTokens = r.usage ? r.usage.completionTokens : r.contentAt.length;
  const ttftMs = r.contentAt.length > 0 ? r.contentAt[0] : undefined;
  const itlMs: number[] = [];
  for (let i = 1; i < r.contentAt.length; i++) itlMs.push(r.contentAt[i] - r.contentAt[i - 1]);
  const e2eMs = r.endAt;
  const tpotMs = ttftMs !== undefined && outputTokens >= 2 ? (e2eMs - ttftMs) / (outputTokens - 1) : undefined;
  return {
    ttftMs,
    itlMs,
    tpotMs,
    e2eMs,
    outputTokens,
    inputTokens: r.usage ? r.usage.promptTokens : r.nominalInputTokens,
    outputTokensPerS: e2eMs > 0 ? outputTokens / (e2eMs / 1000) : undefined,
    fromUsage,
  };
}

/** Upper bounds of PERF-009, in ms. */
export interface Slo {
  ttftMs?: number;
  tpotMs?: number;
  itlMs?: number;
  e2eMs?: number;
}

export const hasSlo = (slo: Slo | undefined): slo is Slo => slo !== undefined && Object.values(slo).some((v) => v !== undefined);

/** Whether a successful request met every stated bound (PERF-009): a missing value never meets a bound on it. */
export function meetsSlo(m: RequestMetrics, slo: Slo): boolean {
  if (slo.ttftMs !== undefined && !(m.ttftMs !== undefined && m.ttftMs <= slo.ttftMs)) return false;
  if (slo.tpotMs !== undefined && !(m.tpotMs !== undefined && m.tpotMs <= slo.tpotMs)) return false;
  if (slo.e2eMs !== undefined && !(m.e2eMs <= slo.e2eMs)) return false;
  if (slo.itlMs !== undefined && m.itlMs.some((v) => v > slo.itlMs!)) return false;
  return true;
}

/** Per second of a window (PERF-008, PERF-009); 0 for an empty window. */
export const perSecond = (count: number, windowMs: number): number => (windowMs > 0 ? count / (windowMs / 1000) : 0);

/** failed / sent (PERF-010). */
export const errorRate = (failed: number, sent: number): number => (sent > 0 ? failed / sent : 0);
