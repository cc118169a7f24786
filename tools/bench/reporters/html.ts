/**
 * The HTML report: one self-contained page (inline CSS and SVG charts, no script, nothing fetched), for a
 * person to read a sweep: the run's facts, the summary table, the charts, each point's distributions.
 */
import type { PerfReport } from "../report.js";
import { fmt, levelName, pointWarnings } from "../format.js";
import { askedOutputTokens, describeRun, METRIC_ROWS, summaryTable } from "./describe.js";
import { distributionChart, latencyThroughputChart, throughputSeriesChart } from "./charts.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#1d2430}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #d5dbe3;padding-bottom:.2rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600;color:#4b5563}dd{margin:0;overflow-wrap:anywhere}
.scroll{overflow-x:auto}table{border-collapse:collapse;margin:.4rem 0;font-variant-numeric:tabular-nums}
th,td{padding:.3rem .6rem;border-bottom:1px solid #e5e9ef;text-align:right;white-space:nowrap}th:first-child,td:first-child{text-align:left}
th{background:#f3f5f8}.warn{background:#fff7e0;border-left:4px solid #e0a800;padding:.4rem .7rem;margin:.4rem 0}
.incomplete{background:#fde8e8;border-left:4px solid #c0392b;padding:.5rem .8rem}.chart svg{max-width:100%;height:auto}
.charts{display:grid;gap:1rem}code{font-size:.9em}footer{margin-top:2rem;color:#6b7280;font-size:.85rem}`;

export function render(report: PerfReport): string {
  const level = (l: number) => `${levelName(report.load.method)} ${fmt(l, l % 1 ? 2 : 0)}`;
  const { head, rows } = summaryTable(report);
  const table = (h: string[], r: string[][]) => `<div class="scroll"><table><thead><tr>${h.map((x) => `<th>${esc(x)}</th>`).join("")}</tr></thead><tbody>${r.map((row) => `<tr>${row.map((x) => `<td>${esc(x)}</td>`).join("")}</tr>`).join("")}</tbody></table></div>`;
  const measured = report.points.some((p) => p.requests.succeeded > 0);
  const charts = measured
    ? `<h2>Charts</h2><div class="charts">${[latencyThroughputChart(report), distributionChart(report, "ttft_ms", "TTFT distribution (cumulative)"), distributionChart(report, "itl_ms", "ITL distribution (cumulative)"), throughputSeriesChart(report)].map((s) => `<figure class="chart">${s}</figure>`).join("")}</div>`
    : "";
  const points = report.points
    .map((p) => {
      const warnings = pointWarnings(p, askedOutputTokens(report)).map((w) => `<p class="warn">${esc(w)}</p>`).join("");
      const errors = (p.error_samples ?? []).length ? `<ul>${p.error_samples!.map((s) => `<li>${s.count}× <code>${esc(s.kind)}</code>: ${esc(s.message)}</li>`).join("")}</ul>` : "";
      const dist = table(["metric", "count", "min", "mean", "p50", "p90", "p95", "p99", "max"], METRIC_ROWS(p).map(([name, d]) => [name, String(d.count), fmt(d.min, 2), fmt(d.mean, 2), fmt(d.p50, 2), fmt(d.p90, 2), fmt(d.p95, 2), fmt(d.p99, 2), fmt(d.max, 2)]));
      const client = p.client ? `<p>Client: ${fmt(p.client.cpu_ms, 0)} ms CPU, event-loop delay p99 ${fmt(p.client.event_loop_delay_p99_ms, 2)} ms. Window ${fmt(p.window_s, 2)} s (${esc(p.started_at)} → ${esc(p.finished_at)}); ${p.requests.warmup} warm-up requests not measured.</p>` : "";
      return `<section><h2>${esc(level(p.level))}</h2>${warnings}${dist}${client}${errors}</section>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>LIS bench: ${esc(report.model)}</title><style>${CSS}</style></head>
<body><h1>LIS bench: ${esc(report.model)}</h1>
${report.complete ? "" : `<p class="incomplete"><strong>Incomplete:</strong> ${esc(report.note ?? "the run ended early")}</p>`}
<dl>${describeRun(report).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>
<h2>Summary</h2>${table(head, rows)}<p>Latencies in ms (PERF-002 to PERF-005); throughput per second of each point's measurement window (PERF-008).</p>
${charts}${points}
<footer>Metrics as defined in LIS 1.1, spec/1.1/performance.md. Report schema: perf-report.</footer>
</body></html>
`;
}
