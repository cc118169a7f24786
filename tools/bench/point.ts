/**
 * One load level's measurements, accumulated request by request so that memory stays flat however long
 * the run: distributions (histogram.ts), counts, failures by kind and a time series. Pure: times come in
 * with the records; the summary is a perf-report point (schemas/1.1/perf-report.schema.json).
 */
import { Distribution } from "./histogram.js";
import type { Point } from "../../types/1.1/index.js";
import { FAILURE_KINDS, errorRate, hasSlo, meetsSlo, perSecond, requestMetrics, type FailureKind, type RequestRecord, type Slo } from "./metrics.js";

/** The series is kept at this resolution and coarsened when the point is summarised. */
const SERIES_RESOLUTION_MS = 100;
/** Interval ladder of the summary's series: the finest that gives at most MAX_INTERVALS intervals. */
const INTERVALS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300];
const MAX_INTERVALS = 600;
const MAX_ERROR_SAMPLES = 20;

/** A point as the perf-report schema writes it. */
export type PointJson = Point;

export class PointAccumulator {
  readonly ttft = new Distribution();
  readonly itl = new Distribution();
  readonly tpot = new Distribution();
  readonly e2e = new Distribution();
  readonly rate = new Distribution();
  readonly inputTokens = new Distribution(1);
  readonly outputTokens = new Distribution(1);
  readonly sendDelay = new Distribution();
  warmup = 0;
  sent = 0;
  succeeded = 0;
  good = 0;
  tokensOut = 0;
  fromUsage = 0;
  fromEvents = 0;
  readonly errors = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<FailureKind, number>;
  private readonly samples = new Map<string, { kind: string; message: string; count: number }>();
  private readonly series = { completed: [] as number[], tokens: [] as number[], errors: [] as number[] };
  /** Monotonic ms of the first measured send and the latest end. */
  windowStart?: number;
  windowEnd?: number;

  constructor(
    readonly level: number,
    private readonly slo?: Slo,
  ) {}

  /** A warm-up request: counted, never measured (PERF-015). */
  addWarmup(): void {
    this.warmup++;
  }

  add(r: RequestRecord): void {
    this.sent++;
    const end = r.sentAt + r.endAt;
    this.windowStart = Math.min(this.windowStart ?? r.sentAt, r.sentAt);
    this.windowEnd = Math.max(this.windowEnd ?? end, end);
    if (r.scheduledAt !== undefined) this.sendDelay.record(Math.max(0, r.sentAt - r.scheduledAt));
    const slot = (arr: number[], by: number) => {
      const i = Math.max(0, Math.floor((end - this.windowStart!) / SERIES_RESOLUTION_MS));
      while (arr.length <= i) arr.push(0);
      arr[i] += by;
    };
    if (r.failure) {
      this.errors[r.failure.kind]++;
      const key = `${r.failure.kind}\u0000${r.failure.message}`;
      const s = this.samples.get(key);
      if (s) s.count++;
      else if (this.samples.size < MAX_ERROR_SAMPLES) this.samples.set(key, { kind: r.failure.kind, message: r.failure.message, count: 1 });
      slot(this.series.errors, 1);
      return;
    }
    const m = requestMetrics(r);
    this.succeeded++;
    this.tokensOut += m.outputTokens;
    if (m.fromUsage) this.fromUsage++;
    else this.fromEvents++;
    if (m.ttftMs !== undefined) this.ttft.record(m.ttftMs);
    for (const v of m.itlMs) this.itl.record(v);
    if (m.tpotMs !== undefined) this.tpot.record(m.tpotMs);
    this.e2e.record(m.e2eMs);
    if (m.outputTokensPerS !== undefined) this.rate.record(m.outputTokensPerS);
    if (m.inputTokens !== undefined) this.inputTokens.record(m.inputTokens);
    this.outputTokens.record(m.outputTokens);
    if (hasSlo(this.slo) && meetsSlo(m, this.slo)) this.good++;
    slot(this.series.completed, 1);
    slot(this.series.tokens, m.outputTokens);
  }

  get failed(): number {
    return this.sent - this.succeeded;
  }

  get windowMs(): number {
    return this.windowStart === undefined || this.windowEnd === undefined ? 0 : this.windowEnd - this.windowStart;
  }

  /**
   * The perf-report point. `wallClockAt` turns a monotonic time into an ISO date (the run's one link between
   * the two clocks); `client` is the tool's own load during the point (PERF-022).
   */
  summary(wallClockAt: (monotonicMs: number) => string, client?: PointJson["client"]): PointJson {
    const windowMs = this.windowMs;
    const intervalS = INTERVALS_S.find((s) => windowMs / (s * 1000) <= MAX_INTERVALS) ?? INTERVALS_S[INTERVALS_S.length - 1];
    const factor = Math.round((intervalS * 1000) / SERIES_RESOLUTION_MS);
    const intervals = Math.max(1, Math.ceil(windowMs / (intervalS * 1000)));
    const coarse = (fine: number[]) => {
      const out = new Array<number>(intervals).fill(0);
      fine.forEach((v, i) => (out[Math.min(intervals - 1, Math.floor(i / factor))] += v));
      return out;
    };
    const start = this.windowStart ?? 0;
    return {
      level: this.level,
      started_at: wallClockAt(start),
      finished_at: wallClockAt(this.windowEnd ?? start),
      window_s: Math.round(windowMs) / 1000,
      requests: { warmup: this.warmup, sent: this.sent, succeeded: this.succeeded, failed: this.failed, ...(hasSlo(this.slo) ? { met_slo: this.good } : {}) },
      errors: { ...this.errors },
      error_samples: [...this.samples.values()].sort((a, b) => b.count - a.count),
      error_rate: errorRate(this.failed, this.sent),
      tokens: { input: this.inputTokens.toJSON(), output: this.outputTokens.toJSON(), counted_from_usage: this.fromUsage, counted_from_events: this.fromEvents },
      throughput: {
        output_tokens_per_s: round3(perSecond(this.tokensOut, windowMs)),
        requests_per_s: round3(perSecond(this.succeeded, windowMs)),
        ...(hasSlo(this.slo) ? { goodput_requests_per_s: round3(perSecond(this.good, windowMs)) } : {}),
      },
      metrics: { ttft_ms: this.ttft.toJSON(), itl_ms: this.itl.toJSON(), tpot_ms: this.tpot.toJSON(), e2e_ms: this.e2e.toJSON(), output_tokens_per_s: this.rate.toJSON() },
      ...(this.sendDelay.count > 0 ? { send_delay_ms: this.sendDelay.toJSON() } : {}),
      ...(client ? { client } : {}),
      series: { interval_s: intervalS, completed: coarse(this.series.completed), output_tokens: coarse(this.series.tokens), errors: coarse(this.series.errors) },
    };
  }
}

export const round3 = (v: number) => Math.round(v * 1000) / 1000;
