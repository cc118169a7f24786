/**
 * The perf-report document (schemas/1.1/perf-report.schema.json, PERF-018) from a run's parts. Pure.
 * The base URL loses any credentials, query and fragment; the API key is never part of the input.
 */
import type { PerfReport as PerfReportType } from "../../types/1.1/index.js";
import type { ArrivalProcess } from "./arrivals.js";
import type { Slo } from "./metrics.js";
import type { PointJson } from "./point.js";
import type { WorkloadJson } from "./workload.js";

export type PerfReport = PerfReportType;

export interface ReportParts {
  options: {
    baseUrl?: string;
    model: string;
    method: "closed" | "open";
    levels: number[];
    arrivals?: ArrivalProcess;
    seed: number;
    warmup: { requests?: number; seconds?: number };
    stop: { requests?: number; durationMs?: number };
    workload: { json: WorkloadJson };
    slo?: Slo;
    timeoutMs: number;
    maxInFlight?: number;
    latency?: string;
  };
  baseUrl: string;
  lisVersion: string | null;
  startedAt: Date;
  finishedAt: Date;
  complete: boolean;
  note?: string;
  points: PointJson[];
  environment: PerfReport["environment"];
  tool: { name: string; version: string };
}

export const LIS_VERSION = "1.1";

/** A URL fit for a report: no user, password, query or fragment. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.search = "";
    u.hash = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "(not a URL)";
  }
}

export function buildReport(r: ReportParts): PerfReport {
  const o = r.options;
  const slo = o.slo ? Object.fromEntries(Object.entries({ ttft_ms: o.slo.ttftMs, tpot_ms: o.slo.tpotMs, itl_ms: o.slo.itlMs, e2e_ms: o.slo.e2eMs }).filter(([, v]) => v !== undefined)) : undefined;
  return {
    object: "lis.perf_report",
    lis_version: LIS_VERSION,
    tool: r.tool,
    environment: r.environment,
    target: { base_url: o.baseUrl ? publicUrl(r.baseUrl) : r.baseUrl, embedded: o.baseUrl === undefined, lis_version: r.lisVersion, ...(o.baseUrl === undefined && o.latency ? { latency: o.latency } : {}) },
    model: o.model,
    workload: o.workload.json as PerfReport["workload"],
    load: {
      method: o.method,
      levels: o.levels,
      ...(o.method === "open" ? { arrivals: o.arrivals?.kind ?? "poisson", burstiness: o.arrivals?.kind === "gamma" ? o.arrivals.burstiness : 1, seed: o.seed } : {}),
      ...(o.stop.requests !== undefined ? { requests: o.stop.requests } : {}),
      ...(o.stop.durationMs !== undefined ? { duration_s: o.stop.durationMs / 1000 } : {}),
      warmup: o.warmup,
      timeout_ms: o.timeoutMs,
      ...(o.method === "open" && o.maxInFlight !== undefined ? { max_in_flight: o.maxInFlight } : {}),
    },
    ...(slo && Object.keys(slo).length > 0 ? { slo } : {}),
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt.toISOString(),
    complete: r.complete,
    ...(r.note ? { note: r.note } : {}),
    points: r.points,
  };
}
