/** What every human-readable report says about a run, in the same words: the run's facts and a point's metric rows. */
import type { PerfReport } from "../report.js";
import type { DistributionJson } from "../histogram.js";
import { fmt, levelName } from "../format.js";

export function describeRun(r: PerfReport): [string, string][] {
  const w = r.workload;
  const workload = w.kind === "synthetic" ? `synthetic, about ${w.input_tokens} input tokens, max_completion_tokens ${w.output_tokens}${w.ignore_eos ? ", ignore_eos" : ""}, seed ${w.seed}` : `dataset ${w.dataset?.path} (${w.dataset?.lines} lines, ${w.dataset?.sha256})`;
  const load =
    r.load.method === "open"
      ? `open loop, ${r.load.arrivals} arrivals${r.load.arrivals === "gamma" ? ` (burstiness ${r.load.burstiness})` : ""}, rates ${r.load.levels.join(", ")} req/s, seed ${r.load.seed}`
      : `closed loop, concurrency ${r.load.levels.join(", ")}`;
  const bound = [r.load.requests !== undefined ? `${r.load.requests} requests` : "", r.load.duration_s !== undefined ? `${r.load.duration_s} s` : ""].filter(Boolean).join(" or ");
  const warmup = r.load.warmup.requests !== undefined ? `${r.load.warmup.requests} requests` : r.load.warmup.seconds !== undefined ? `${r.load.warmup.seconds} s` : "none";
  const facts: [string, string][] = [
    ["target", `${r.target.base_url}${r.target.embedded ? ` (embedded reference server${r.target.latency ? `, --latency ${r.target.latency}` : ""})` : ""}${r.target.lis_version ? `, LIS-Version ${r.target.lis_version}` : ""}`],
    ["model", r.model],
    ["workload", workload],
    ["load", `${load}; per point ${bound}, warm-up ${warmup}, timeout ${r.load.timeout_ms} ms`],
  ];
  if (r.slo) facts.push(["SLOs (goodput)", Object.entries(r.slo).map(([k, v]) => `${k.replace(/_ms$/, "")} ≤ ${v} ms`).join(", ")]);
  facts.push(["tool", `${r.tool.name} ${r.tool.version} on ${r.environment.os}, ${r.environment.cpus} CPUs, ${r.environment.runtime}${r.environment.clients ? `, ${r.environment.clients} clients merged` : ""}`]);
  facts.push(["run", `${r.started_at} → ${r.finished_at}${r.complete ? "" : " (incomplete)"}`]);
  return facts;
}

export const METRIC_ROWS = (p: PerfReport["points"][number]): [string, DistributionJson][] => [
  ["TTFT (ms)", p.metrics.ttft_ms],
  ["ITL (ms)", p.metrics.itl_ms],
  ["TPOT (ms)", p.metrics.tpot_ms],
  ["E2E latency (ms)", p.metrics.e2e_ms],
  ["output tok/s per request", p.metrics.output_tokens_per_s],
  ["input tokens", p.tokens.input],
  ["output tokens", p.tokens.output],
  ...(p.send_delay_ms ? ([["send delay (ms)", p.send_delay_ms]] as [string, DistributionJson][]) : []),
];

/** The sweep summary, one row per point, as every text report shows it (latencies in ms). */
export function summaryTable(r: PerfReport): { head: string[]; rows: string[][] } {
  const slo = r.slo !== undefined;
  const head = [levelName(r.load.method), "ok", "fail", "req/s", "tok/s", ...(slo ? ["goodput"] : []), "TTFT p50", "TTFT p99", "ITL p50", "ITL p99", "TPOT p50", "E2E p50", "E2E p99"];
  const rows = r.points.map((p) => [
    fmt(p.level, p.level % 1 ? 2 : 0),
    String(p.requests.succeeded),
    String(p.requests.failed),
    fmt(p.throughput.requests_per_s, 2),
    fmt(p.throughput.output_tokens_per_s),
    ...(slo ? [fmt(p.throughput.goodput_requests_per_s, 2)] : []),
    fmt(p.metrics.ttft_ms.p50),
    fmt(p.metrics.ttft_ms.p99),
    fmt(p.metrics.itl_ms.p50),
    fmt(p.metrics.itl_ms.p99),
    fmt(p.metrics.tpot_ms.p50),
    fmt(p.metrics.e2e_ms.p50),
    fmt(p.metrics.e2e_ms.p99),
  ]);
  return { head, rows };
}

/** The output length every request asked for: a synthetic workload's; a dataset's lines may each ask their own. */
export const askedOutputTokens = (r: PerfReport): number | undefined => (r.workload.kind === "synthetic" ? r.workload.output_tokens : undefined);
