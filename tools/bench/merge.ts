/**
 * `lis bench merge` (spec/1.1/performance.md, PERF-021): reports of several client machines that loaded one
 * server at the same time, point by point. Histograms add (exact percentiles of the union, not averaged
 * percentiles), counts and tokens add, the window runs from the earliest start to the latest end by the
 * clients' wall clocks, and throughputs are recomputed over it. Pure: reports in, report out.
 */
import { LisError, EXIT } from "../util/errors.js";
import { Distribution, type DistributionJson } from "./histogram.js";
import { FAILURE_KINDS, errorRate, perSecond } from "./metrics.js";
import { incomparability, type MetricKey } from "./compare.js";
import { round3, type PointJson } from "./point.js";
import type { PerfReport } from "./report.js";

type Point = PerfReport["points"][number];

const mergeDistributions = (list: DistributionJson[]): DistributionJson => {
  const out = Distribution.fromJSON(list[0]);
  for (const d of list.slice(1)) out.add(Distribution.fromJSON(d));
  return out.toJSON();
};

const time = (iso: string) => Date.parse(iso);

/** Adds series interval by interval, aligned by the clients' wall clocks at the coarsest interval. */
function mergeSeries(points: Point[], start: number): PointJson["series"] {
  const interval = Math.max(...points.map((p) => p.series.interval_s));
  const out = { interval_s: interval, completed: [] as number[], output_tokens: [] as number[], errors: [] as number[] };
  for (const p of points) {
    const offset = (time(p.started_at) - start) / 1000;
    for (const key of ["completed", "output_tokens", "errors"] as const) {
      p.series[key].forEach((v, i) => {
        const slot = Math.floor((offset + i * p.series.interval_s) / interval);
        while (out[key].length <= slot) out[key].push(0);
        out[key][slot] += v;
      });
    }
  }
  const n = Math.max(out.completed.length, out.output_tokens.length, out.errors.length);
  for (const key of ["completed", "output_tokens", "errors"] as const) while (out[key].length < n) out[key].push(0);
  return out;
}

function mergePoint(points: Point[], withGoodput: boolean): Point {
  const start = Math.min(...points.map((p) => time(p.started_at)));
  const end = Math.max(...points.map((p) => time(p.finished_at)));
  const windowMs = end - start;
  const sum = (f: (p: Point) => number) => points.reduce((s, p) => s + f(p), 0);
  const sent = sum((p) => p.requests.sent);
  const succeeded = sum((p) => p.requests.succeeded);
  const failed = sum((p) => p.requests.failed);
  const tokens = sum((p) => Distribution.fromJSON(p.tokens.output).total);
  const good = sum((p) => p.requests.met_slo ?? 0);
  const samples = new Map<string, { kind: string; message: string; count: number }>();
  for (const s of points.flatMap((p) => p.error_samples ?? [])) {
    const key = `${s.kind}\u0000${s.message}`;
    const seen = samples.get(key);
    if (seen) seen.count += s.count;
    else samples.set(key, { ...s });
  }
  const metric = (k: MetricKey) => mergeDistributions(points.map((p) => p.metrics[k]));
  const delays = points.map((p) => p.send_delay_ms).filter((d): d is DistributionJson => d !== undefined);
  return {
    level: sum((p) => p.level),
    started_at: new Date(start).toISOString(),
    finished_at: new Date(end).toISOString(),
    window_s: windowMs / 1000,
    requests: { warmup: sum((p) => p.requests.warmup), sent, succeeded, failed, ...(withGoodput ? { met_slo: good } : {}) },
    errors: Object.fromEntries(FAILURE_KINDS.map((k) => [k, sum((p) => p.errors[k])])) as Point["errors"],
    error_samples: [...samples.values()].sort((x, y) => y.count - x.count).slice(0, 20),
    error_rate: errorRate(failed, sent),
    tokens: {
      input: mergeDistributions(points.map((p) => p.tokens.input)),
      output: mergeDistributions(points.map((p) => p.tokens.output)),
      counted_from_usage: sum((p) => p.tokens.counted_from_usage),
      counted_from_events: sum((p) => p.tokens.counted_from_events),
    },
    throughput: {
      output_tokens_per_s: round3(perSecond(tokens, windowMs)),
      requests_per_s: round3(perSecond(succeeded, windowMs)),
      ...(withGoodput ? { goodput_requests_per_s: round3(perSecond(good, windowMs)) } : {}),
    },
    metrics: { ttft_ms: metric("ttft_ms"), itl_ms: metric("itl_ms"), tpot_ms: metric("tpot_ms"), e2e_ms: metric("e2e_ms"), output_tokens_per_s: metric("output_tokens_per_s") },
    ...(delays.length > 0 ? { send_delay_ms: mergeDistributions(delays) } : {}),
    series: mergeSeries(points, start),
  };
}

export function mergeReports(reports: PerfReport[]): PerfReport {
  const [first, ...rest] = reports;
  for (const [i, r] of rest.entries()) {
    const why = incomparability(first, r);
    if (why.length > 0) throw new LisError(`report ${i + 2} cannot be merged with report 1 (PERF-019): ${why.join("; ")}`, EXIT.USAGE);
    if (JSON.stringify(r.slo ?? {}) !== JSON.stringify(first.slo ?? {})) throw new LisError(`report ${i + 2} states other SLOs than report 1; goodput cannot be merged`, EXIT.USAGE);
    if (r.points.length !== first.points.length || r.points.some((p, k) => p.level !== first.points[k].level)) throw new LisError(`report ${i + 2} has other load levels (${r.points.map((p) => p.level).join(", ")}) than report 1 (${first.points.map((p) => p.level).join(", ")})`, EXIT.USAGE);
  }
  const points = first.points.map((_, k) => {
    const group = reports.map((r) => r.points[k]);
    // Clients that did not run at the same time did not load the server together: their sum means nothing.
    const latestStart = Math.max(...group.map((p) => time(p.started_at)));
    const earliestEnd = Math.min(...group.map((p) => time(p.finished_at)));
    if (latestStart > earliestEnd) throw new LisError(`the reports' windows at level ${group[0].level} do not overlap (by the clients' wall clocks): they did not load the server at the same time`, EXIT.USAGE);
    return mergePoint(group, first.slo !== undefined);
  });
  const clients = reports.reduce((s, r) => s + (r.environment.clients ?? 1), 0);
  return {
    ...first,
    environment: { ...first.environment, clients },
    load: { ...first.load, levels: points.map((p) => p.level) },
    started_at: new Date(Math.min(...reports.map((r) => time(r.started_at)))).toISOString(),
    finished_at: new Date(Math.max(...reports.map((r) => time(r.finished_at)))).toISOString(),
    complete: reports.every((r) => r.complete),
    note: `merged from ${reports.length} reports (${clients} clients); load levels are the sums of the clients' levels`,
    points,
  };
}
