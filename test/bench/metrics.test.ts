import { describe, expect, it } from "vitest";
import { meetsSlo, requestMetrics, type RequestRecord } from "../../tools/bench/metrics.js";
import { Distribution } from "../../tools/bench/histogram.js";
import { mannWhitney, median } from "../../tools/bench/stats.js";
import { arrivalGaps } from "../../tools/bench/arrivals.js";
import { parseLevels, parseSlo, parseWarmup, parseDuration } from "../../tools/bench/options.js";
import { PointAccumulator } from "../../tools/bench/point.js";
import { getValidator } from "../../tools/validate/validators.js";

// The metrics of spec/1.1/performance.md as pure functions, each checked on hand-made timed events.
const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({ sentAt: 1000, contentAt: [200, 220, 245, 260], endAt: 262, usage: { completionTokens: 4, promptTokens: 9 }, ...over });

describe("per-request metrics (PERF-002 to PERF-007)", () => {
  it("TTFT is the first content-bearing event, ITL the gaps between them, TPOT the rest per token, E2E the end", () => {
    const m = requestMetrics(record());
    expect(m.ttftMs).toBe(200);
    expect(m.itlMs).toEqual([20, 25, 15]);
    expect(m.tpotMs).toBeCloseTo((262 - 200) / 3, 10);
    expect(m.e2eMs).toBe(262);
    expect(m.outputTokensPerS).toBeCloseTo(4 / 0.262, 10);
    expect(m).toMatchObject({ outputTokens: 4, inputTokens: 9, fromUsage: true });
  });

  it("counts tokens from usage, or else from content events, and says which (PERF-007)", () => {
    // A server that packs two tokens per event: usage says 8, there are 4 events.
    expect(requestMetrics(record({ usage: { completionTokens: 8, promptTokens: 9 } })).tpotMs).toBeCloseTo(62 / 7, 10);
    const noUsage = requestMetrics(record({ usage: undefined, nominalInputTokens: 16 }));
    expect(noUsage).toMatchObject({ outputTokens: 4, inputTokens: 16, fromUsage: false });
  });

  it("a request without content has no TTFT or TPOT; one output token has no TPOT", () => {
    expect(requestMetrics(record({ contentAt: [], usage: { completionTokens: 0, promptTokens: 3 } }))).toMatchObject({ ttftMs: undefined, tpotMs: undefined, itlMs: [] });
    expect(requestMetrics(record({ contentAt: [50], usage: { completionTokens: 1, promptTokens: 3 } })).tpotMs).toBeUndefined();
  });

  it("goodput's test: every stated bound met, a missing value never meets one (PERF-009)", () => {
    const m = requestMetrics(record());
    expect(meetsSlo(m, { ttftMs: 200, tpotMs: 21 })).toBe(true);
    expect(meetsSlo(m, { ttftMs: 199 })).toBe(false);
    expect(meetsSlo(m, { itlMs: 24 })).toBe(false); // one gap of 25 ms
    expect(meetsSlo(m, { e2eMs: 262 })).toBe(true);
    expect(meetsSlo(requestMetrics(record({ contentAt: [] })), { ttftMs: 1e9 })).toBe(false);
  });
});

describe("distributions (PERF-012)", () => {
  it("nearest-rank percentiles within 0.1 %, exact min, max and mean", () => {
    const d = new Distribution();
    for (let i = 1; i <= 1000; i++) d.record(i); // 1..1000 ms
    const j = d.toJSON();
    expect(j).toMatchObject({ count: 1000, min: 1, max: 1000, mean: 500.5 });
    for (const [p, exact] of [[50, 500], [90, 900], [95, 950], [99, 990]] as const) expect(Math.abs(j[`p${p}`]! - exact) / exact).toBeLessThanOrEqual(0.001);
  });

  it("merges exactly: the sum of two histograms is the histogram of the union, also after a JSON round trip", () => {
    const a = new Distribution();
    const b = new Distribution();
    const all = new Distribution();
    for (let i = 0; i < 500; i++) {
      a.record(10 + (i % 7));
      b.record(100 + (i % 13));
      all.record(10 + (i % 7));
      all.record(100 + (i % 13));
    }
    const merged = Distribution.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    merged.add(Distribution.fromJSON(JSON.parse(JSON.stringify(b.toJSON()))));
    const { histogram: _m, ...mergedStats } = merged.toJSON();
    const { histogram: _a, ...allStats } = all.toJSON();
    expect(mergedStats).toEqual(allStats);
    expect(merged.buckets()).toEqual(all.buckets());
  });

  it("an empty distribution has nulls and no histogram", () => {
    expect(new Distribution().toJSON()).toEqual({ count: 0, min: null, max: null, mean: null, p50: null, p90: null, p95: null, p99: null });
  });
});

describe("Mann–Whitney U (PERF-020)", () => {
  it("matches the normal approximation with continuity correction (scipy's asymptotic method)", () => {
    const t = mannWhitney([1, 2, 3, 4, 5].map((v) => [v, 1]), [6, 7, 8, 9, 10].map((v) => [v, 1]));
    expect(t.u).toBe(0);
    expect(t.p).toBeCloseTo(0.01219, 4);
  });

  it("handles ties through counts, and finds no difference between equal samples", () => {
    expect(mannWhitney([[1, 50], [2, 50]], [[1, 50], [2, 50]]).p).toBeCloseTo(1, 6);
    expect(mannWhitney([[1, 100]], [[1, 100]]).p).toBe(1);
    expect(mannWhitney([[1, 80], [2, 20]], [[1, 20], [2, 80]]).p).toBeLessThan(1e-6);
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });
});

describe("open-loop arrivals (PERF-014)", () => {
  const stats = (gaps: number[]) => {
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    return { mean, cv: sd / mean };
  };
  const draw = (next: () => number, n = 20000) => Array.from({ length: n }, next);

  it("Poisson: exponential gaps of mean 1/rate (coefficient of variation 1), the same for the same seed", () => {
    const s = stats(draw(arrivalGaps(10, { kind: "poisson" }, 1)));
    expect(s.mean).toBeGreaterThan(97);
    expect(s.mean).toBeLessThan(103);
    expect(s.cv).toBeGreaterThan(0.97);
    expect(s.cv).toBeLessThan(1.03);
    expect(draw(arrivalGaps(10, { kind: "poisson" }, 7), 5)).toEqual(draw(arrivalGaps(10, { kind: "poisson" }, 7), 5));
  });

  it("gamma of burstiness k: mean 1/rate, coefficient of variation 1/√k", () => {
    for (const k of [0.25, 4]) {
      const s = stats(draw(arrivalGaps(5, { kind: "gamma", burstiness: k }, 3)));
      expect(Math.abs(s.mean - 200) / 200).toBeLessThan(0.04);
      expect(Math.abs(s.cv - 1 / Math.sqrt(k)) / (1 / Math.sqrt(k))).toBeLessThan(0.05);
    }
  });
});

describe("option values", () => {
  it("parses levels, durations, warm-ups and SLOs, and says what is wrong", () => {
    expect(parseLevels("1,4,16", "--concurrency")).toEqual([1, 4, 16]);
    expect(parseLevels("0.5,2", "--rate")).toEqual([0.5, 2]);
    expect(() => parseLevels("1,1", "--concurrency")).toThrow(/twice/);
    expect(() => parseLevels("2.5", "--concurrency")).toThrow(/integer/);
    expect(parseDuration("2m", "--duration")).toBe(120_000);
    expect(parseDuration("1.5s", "--duration")).toBe(1500);
    expect(() => parseDuration("60", "--duration")).toThrow(/duration/);
    expect(parseWarmup("10")).toEqual({ requests: 10 });
    expect(parseWarmup("5s")).toEqual({ seconds: 5 });
    expect(parseSlo("ttft=500ms,tpot=50ms")).toEqual({ ttftMs: 500, tpotMs: 50 });
    expect(() => parseSlo("latency=5ms")).toThrow(/ttft=/);
  });
});

describe("a point's summary", () => {
  it("is a valid perf-report point with counts, failures by kind, throughput over the window and a series", () => {
    const point = new PointAccumulator(4, { ttftMs: 250 });
    point.windowStart = 0;
    for (let i = 0; i < 10; i++) point.add(record({ sentAt: i * 100, contentAt: [200 + i * 10, 220 + i * 10], endAt: 300 }));
    point.add({ sentAt: 50, contentAt: [], endAt: 5, failure: { kind: "http-status", message: "HTTP 503: busy" } });
    const s = point.summary((ms) => new Date(1_700_000_000_000 + ms).toISOString());
    expect(s.requests).toEqual({ warmup: 0, sent: 11, succeeded: 10, failed: 1, met_slo: 6 });
    expect(s.errors["http-status"]).toBe(1);
    expect(s.error_samples).toEqual([{ kind: "http-status", message: "HTTP 503: busy", count: 1 }]);
    expect(s.window_s).toBe(1.2); // first send at 0, last end at 900 + 300
    expect(s.throughput.requests_per_s).toBeCloseTo(10 / 1.2, 3);
    expect(s.throughput.output_tokens_per_s).toBeCloseTo(40 / 1.2, 3);
    expect(s.throughput.goodput_requests_per_s).toBeCloseTo(6 / 1.2, 3);
    expect(s.series.completed.reduce((a, b) => a + b, 0)).toBe(10);
    const doc = { object: "lis.perf_report", lis_version: "1.1", tool: { name: "t", version: "1" }, environment: { os: "x", cpus: 1, runtime: "node" }, target: { base_url: "http://x/v1" }, model: "m", workload: { kind: "synthetic" }, load: { method: "closed", levels: [4], warmup: {}, timeout_ms: 1 }, started_at: s.started_at, finished_at: s.finished_at, complete: true, points: [s] };
    expect(getValidator("perf-report", "1.1")(doc).errors).toEqual([]);
  });
});
