/** The summary a person reads at the end of a run: one row per point, then what to be careful about. */
import type { PerfReport } from "../report.js";
import { fmt, levelName, pointWarnings } from "../format.js";
import { askedOutputTokens, summaryTable } from "./describe.js";

export function formatConsole(report: PerfReport): string {
  const w = report.workload;
  const workload = w.kind === "synthetic" ? `synthetic ${w.input_tokens} → ${w.output_tokens} tokens${w.ignore_eos ? " (ignore_eos)" : ""}` : `dataset ${w.dataset?.path} (${w.dataset?.lines} lines)`;
  const target = `${report.target.base_url}${report.target.embedded ? ` (embedded reference server${report.target.latency ? `, --latency ${report.target.latency}` : ""})` : ""}`;
  const lines = [`lis bench: ${report.model} at ${target}`, `${report.load.method === "open" ? `open loop, ${report.load.arrivals} arrivals` : "closed loop"}; ${workload}`, ""];
  const { head, rows } = summaryTable(report);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  lines.push(row(head), ...rows.map(row));
  lines.push("(latencies in ms; tok/s = output tokens per second of the window)");
  for (const p of report.points) for (const warning of pointWarnings(p, askedOutputTokens(report))) lines.push(`! ${levelName(report.load.method)} ${fmt(p.level, 0)}: ${warning}`);
  for (const p of report.points) for (const s of p.error_samples ?? []) lines.push(`  ${s.count}× ${s.kind}: ${s.message}`);
  if (report.slo) lines.push(`goodput: requests meeting ${Object.entries(report.slo).map(([k, v]) => `${k.replace(/_ms$/, "")} ≤ ${v} ms`).join(", ")} per second`);
  if (!report.complete) lines.push(`incomplete: ${report.note ?? "the run ended early"}`);
  return lines.join("\n") + "\n";
}
