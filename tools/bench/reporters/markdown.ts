/** A Markdown report (for CI step summaries and pull requests): the sweep in one table, then each point's distributions. */
import type { PerfReport } from "../report.js";
import { fmt, levelName, pointWarnings } from "../format.js";
import { askedOutputTokens, describeRun, METRIC_ROWS, summaryTable } from "./describe.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = (head: string[], rows: string[][]) => [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");

export function render(report: PerfReport): string {
  const out: string[] = [`# lis bench: ${report.model}`, ""];
  for (const [k, v] of describeRun(report)) out.push(`- **${k}**: ${cell(v)}`);
  out.push("");
  const summary = summaryTable(report);
  out.push(table(summary.head, summary.rows), "", "(latencies in ms; tok/s = output tokens per second of the window)");
  for (const p of report.points) {
    out.push("", `## ${levelName(report.load.method)} ${fmt(p.level, p.level % 1 ? 2 : 0)}`, "");
    out.push(
      table(
        ["metric", "count", "min", "mean", "p50", "p90", "p95", "p99", "max"],
        METRIC_ROWS(p).map(([name, d]) => [name, String(d.count), fmt(d.min, 2), fmt(d.mean, 2), fmt(d.p50, 2), fmt(d.p90, 2), fmt(d.p95, 2), fmt(d.p99, 2), fmt(d.max, 2)]),
      ),
    );
    const warnings = pointWarnings(p, askedOutputTokens(report));
    if (warnings.length) out.push("", ...warnings.map((w) => `> ⚠ ${cell(w)}`));
    for (const s of p.error_samples ?? []) out.push(`- ${s.count}× \`${s.kind}\`: ${cell(s.message)}`);
  }
  if (!report.complete) out.push("", `**Incomplete:** ${cell(report.note ?? "the run ended early")}`);
  return out.join("\n") + "\n";
}
