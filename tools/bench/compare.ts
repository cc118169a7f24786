/**
 * `lis bench compare a.json b.json` (spec/1.1/performance.md, PERF-019, PERF-020): the points of two reports
 * matched by load level, checked for comparability, and each metric judged: a difference is significant
 * when a Mann–Whitney U test of the two distributions gives p < 0.01 and the medians differ by at least
 * 5 %. Latency distributions are read back from the reports' histograms; throughput from the per-interval
 * rates of the time series.
 */
import { readFileSync } from "node:fs";
import { LisError, EXIT } from "../util/errors.js";
import { getValidator } from "../validate/validators.js";
import { Distribution, type DistributionJson } from "./histogram.js";
import type { PointJson } from "./point.js";
import type { PerfReport } from "./report.js";
import { fmt, levelName } from "./format.js";
import { asWeighted, mannWhitney, median } from "./stats.js";

export const ALPHA = 0.01;
export const MIN_EFFECT = 0.05;

/** A report file, parsed and checked against the perf-report schema; a bad one is a usage error naming the file. */
export function readReport(file: string): PerfReport {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new LisError(`cannot read the report ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`, EXIT.USAGE);
  }
  const result = getValidator("perf-report", "1.1")(doc);
  if (!result.valid) throw new LisError(`${file} is not a perf-report: ${result.errors.slice(0, 3).map((e) => `${e.pointer || "(document)"}: ${e.message}`).join("; ")}`, EXIT.USAGE);
  return doc as PerfReport;
}

type Point = PerfReport["points"][number];

/** Why two reports' points at one level may not be compared (PERF-019); empty when they may. */
export function incomparability(a: PerfReport, b: PerfReport, pa?: Point, pb?: Point): string[] {
  const why: string[] = [];
  if (a.model !== b.model) why.push(`model ${a.model} vs ${b.model}`);
  const wa = a.workload;
  const wb = b.workload;
  if (wa.kind !== wb.kind) why.push(`workload ${wa.kind} vs ${wb.kind}`);
  else if (wa.kind === "dataset") {
    if (wa.dataset?.sha256 !== wb.dataset?.sha256) why.push("different datasets (SHA-256)");
    if (wa.output_tokens !== wb.output_tokens) why.push(`output tokens ${wa.output_tokens} vs ${wb.output_tokens}`);
  } else {
    if (wa.input_tokens !== wb.input_tokens) why.push(`input tokens ${wa.input_tokens} vs ${wb.input_tokens}`);
    if (wa.output_tokens !== wb.output_tokens) why.push(`output tokens ${wa.output_tokens} vs ${wb.output_tokens}`);
  }
  if ((wa.ignore_eos ?? false) !== (wb.ignore_eos ?? false)) why.push(`ignore_eos ${wa.ignore_eos ?? false} vs ${wb.ignore_eos ?? false}`);
  if (a.load.method !== b.load.method) why.push(`load method ${a.load.method} vs ${b.load.method}`);
  else if (a.load.method === "open" && ((a.load.arrivals ?? "poisson") !== (b.load.arrivals ?? "poisson") || (a.load.burstiness ?? 1) !== (b.load.burstiness ?? 1))) why.push(`arrivals ${a.load.arrivals} k=${a.load.burstiness} vs ${b.load.arrivals} k=${b.load.burstiness}`);
  if (pa && pb && (pa.tokens.counted_from_events > 0) !== (pb.tokens.counted_from_events > 0)) why.push("tokens counted from usage in one, from events in the other");
  return why;
}

export interface MetricComparison {
  metric: string;
  /** Lower is better (latencies), or higher (rates). */
  better: "lower" | "higher";
  a?: number;
  b?: number;
  /** (b − a) / a of the medians. */
  change?: number;
  p?: number;
  significant: boolean;
  verdict: "better" | "worse" | "no significant change" | "not enough data";
}

export interface PointComparison {
  level: number;
  comparable: boolean;
  why: string[];
  metrics: MetricComparison[];
  errorRate: [number, number];
}

export interface Comparison {
  a: { model: string; base_url: string; started_at: string };
  b: { model: string; base_url: string; started_at: string };
  method: string;
  points: PointComparison[];
  /** Levels present in only one report. */
  unmatched: number[];
  regressions: number;
  improvements: number;
}

export type MetricKey = "ttft_ms" | "itl_ms" | "tpot_ms" | "e2e_ms" | "output_tokens_per_s";

const LATENCIES: [MetricKey, string, "lower" | "higher"][] = [
  ["ttft_ms", "TTFT (ms)", "lower"],
  ["itl_ms", "ITL (ms)", "lower"],
  ["tpot_ms", "TPOT (ms)", "lower"],
  ["e2e_ms", "E2E latency (ms)", "lower"],
  ["output_tokens_per_s", "output tok/s per request", "higher"],
];

function judge(metric: string, better: "lower" | "higher", a: number | undefined, b: number | undefined, p: number | undefined): MetricComparison {
  if (a === undefined || b === undefined || p === undefined) return { metric, better, a, b, significant: false, verdict: "not enough data" };
  const change = a === 0 ? (b === 0 ? 0 : Infinity) : (b - a) / a;
  const significant = p < ALPHA && Math.abs(change) >= MIN_EFFECT;
  const improved = better === "lower" ? change < 0 : change > 0;
  return { metric, better, a, b, change, p, significant, verdict: significant ? (improved ? "better" : "worse") : "no significant change" };
}

function compareDistributions(metric: string, better: "lower" | "higher", da: DistributionJson, db: DistributionJson): MetricComparison {
  if (da.count < 2 || db.count < 2) return judge(metric, better, da.p50 ?? undefined, db.p50 ?? undefined, undefined);
  const test = mannWhitney(Distribution.fromJSON(da).buckets(), Distribution.fromJSON(db).buckets());
  return judge(metric, better, da.p50 ?? undefined, db.p50 ?? undefined, test.p);
}

/** Per-interval output token rates of a point's series, without its first and last (partial) intervals. */
export function intervalRates(series: PointJson["series"]): number[] {
  const rates = series.output_tokens.map((t) => t / series.interval_s);
  return rates.length > 2 ? rates.slice(1, -1) : rates;
}

function compareThroughput(pa: Point, pb: Point): MetricComparison {
  const ra = intervalRates(pa.series);
  const rb = intervalRates(pb.series);
  if (ra.length < 3 || rb.length < 3) return { ...judge("output tok/s (throughput)", "higher", pa.throughput.output_tokens_per_s, pb.throughput.output_tokens_per_s, undefined) };
  const test = mannWhitney(asWeighted(ra).slice().sort((x, y) => x[0] - y[0]), asWeighted(rb).slice().sort((x, y) => x[0] - y[0]));
  const judged = judge("output tok/s (throughput)", "higher", median(ra), median(rb), test.p);
  return { ...judged, a: pa.throughput.output_tokens_per_s, b: pb.throughput.output_tokens_per_s };
}

export function compareReports(a: PerfReport, b: PerfReport, options: { force?: boolean } = {}): Comparison {
  const global = incomparability(a, b);
  if (global.length > 0 && !options.force) throw new LisError(`the reports are not comparable (PERF-019): ${global.join("; ")}; use --force to compare anyway`, EXIT.USAGE);
  const points: PointComparison[] = [];
  for (const pa of a.points) {
    const pb = b.points.find((p) => p.level === pa.level);
    if (!pb) continue;
    const why = incomparability(a, b, pa, pb);
    const metrics = [...LATENCIES.map(([key, name, better]) => compareDistributions(name, better, pa.metrics[key], pb.metrics[key])), compareThroughput(pa, pb)];
    points.push({ level: pa.level, comparable: why.length === 0, why, metrics, errorRate: [pa.error_rate, pb.error_rate] });
  }
  const levels = new Set(points.map((p) => p.level));
  const unmatched = [...a.points, ...b.points].map((p) => p.level).filter((l) => !levels.has(l));
  const counted = points.filter((p) => p.comparable).flatMap((p) => p.metrics);
  return {
    a: { model: a.model, base_url: a.target.base_url, started_at: a.started_at },
    b: { model: b.model, base_url: b.target.base_url, started_at: b.started_at },
    method: a.load.method,
    points,
    unmatched: [...new Set(unmatched)],
    regressions: counted.filter((m) => m.verdict === "worse").length,
    improvements: counted.filter((m) => m.verdict === "better").length,
  };
}

const pct = (c: number | undefined) => (c === undefined ? "–" : !Number.isFinite(c) ? "new" : `${c >= 0 ? "+" : ""}${(c * 100).toFixed(1)} %`);
const pval = (p: number | undefined) => (p === undefined ? "–" : p < 0.0001 ? "<0.0001" : p.toFixed(4));

export function formatComparison(c: Comparison, format: "text" | "markdown" | "json"): string {
  if (format === "json") return JSON.stringify(c, null, 2) + "\n";
  const md = format === "markdown";
  const lines: string[] = [];
  lines.push(md ? `## lis bench compare` : "lis bench compare");
  lines.push(`${md ? "- " : "  "}A: ${c.a.model} at ${c.a.base_url} (${c.a.started_at})`);
  lines.push(`${md ? "- " : "  "}B: ${c.b.model} at ${c.b.base_url} (${c.b.started_at})`);
  lines.push(`Significant: Mann–Whitney U p < ${ALPHA} and the medians differ by ≥ ${MIN_EFFECT * 100} % (PERF-020). Medians shown; throughput is the point's total, tested over its per-interval rates.`);
  for (const p of c.points) {
    lines.push("");
    lines.push(`${md ? "### " : ""}${levelName(c.method)} ${fmt(p.level, p.level % 1 ? 2 : 0)}${p.comparable ? "" : ` — NOT COMPARABLE: ${p.why.join("; ")}`}`);
    const head = ["metric", "A", "B", "change", "p", "verdict"];
    const rows = p.metrics.map((m) => [m.metric, fmt(m.a, 2), fmt(m.b, 2), pct(m.change), pval(m.p), m.verdict]);
    rows.push(["error rate", `${(p.errorRate[0] * 100).toFixed(2)} %`, `${(p.errorRate[1] * 100).toFixed(2)} %`, "", "", ""]);
    if (md) {
      lines.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`));
    } else {
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const row = (cells: string[]) => "  " + cells.map((x, i) => (i === 0 || i === 5 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
      lines.push(row(head), ...rows.map(row));
    }
  }
  if (c.unmatched.length > 0) lines.push("", `levels in only one report (not compared): ${c.unmatched.join(", ")}`);
  lines.push("", `${c.regressions} significant regression(s), ${c.improvements} significant improvement(s)`);
  return lines.join("\n") + "\n";
}
