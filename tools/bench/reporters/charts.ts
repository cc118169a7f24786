/**
 * The HTML report's charts as static SVG, drawn offline by Apache ECharts' server-side renderer: no script
 * and no network in the page. Each chart is a pure function of the report.
 */
import type * as Echarts from "echarts";
import type { EChartsOption } from "echarts";
import { optionalPackage } from "../../util/lazy-packages.js";
import { Distribution } from "../histogram.js";
import type { PerfReport } from "../report.js";
import { levelName } from "../format.js";

const WIDTH = 760;
const HEIGHT = 360;

let echarts: typeof Echarts | undefined;

/**
 * ECharts is an optional peer dependency: 62 MB that only this report needs, so a consumer who runs the
 * conformance suite does not install it. Loaded before a report is drawn; without it, exit 2 naming it.
 */
export async function loadCharting(): Promise<void> {
  echarts ??= await optionalPackage<typeof Echarts>("echarts", "echarts", "lis bench's HTML report (its charts)");
}

function svg(option: EChartsOption): string {
  if (!echarts) throw new Error("the HTML report's charts were drawn before loadCharting()");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: "system-ui, sans-serif" }, grid: { left: 70, right: 30, top: 50, bottom: 55 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const label = (r: PerfReport, level: number) => `${r.load.method === "open" ? `${level} req/s` : `c=${level}`}`;

/** Latency against throughput across the sweep: one marker per point, labelled with its level. */
export function latencyThroughputChart(r: PerfReport): string {
  const series = (name: string, pick: (p: PerfReport["points"][number]) => number | null) => ({
    name,
    type: "line" as const,
    data: r.points.map((p) => ({ value: [p.throughput.output_tokens_per_s, pick(p)], name: label(r, p.level) })),
    label: { show: true, formatter: (x: { name: string }) => x.name, position: "top" as const, fontSize: 10 },
    symbolSize: 7,
  });
  return svg({
    title: { text: `Latency against throughput (${levelName(r.load.method)} sweep)`, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    xAxis: { type: "value", name: "output tokens/s", nameLocation: "middle", nameGap: 28, scale: true },
    yAxis: { type: "value", name: "ms", scale: true },
    series: [series("TTFT p50", (p) => p.metrics.ttft_ms.p50), series("TTFT p99", (p) => p.metrics.ttft_ms.p99), series("E2E p50", (p) => p.metrics.e2e_ms.p50), series("TPOT p50", (p) => p.metrics.tpot_ms.p50)],
  });
}

/** A metric's distribution per point as a cumulative curve: the share of requests at or below each latency. */
export function distributionChart(r: PerfReport, metric: "ttft_ms" | "itl_ms", title: string): string {
  const series = r.points
    .filter((p) => p.metrics[metric].count > 0)
    .map((p) => {
      const buckets = Distribution.fromJSON(p.metrics[metric]).buckets();
      const total = buckets.reduce((s, [, c]) => s + c, 0);
      let seen = 0;
      const data = buckets.map(([v, c]) => [v, Math.round(((seen += c) / total) * 10000) / 100]);
      return { name: label(r, p.level), type: "line" as const, step: "end" as const, showSymbol: false, data: thin(data) };
    });
  return svg({
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    xAxis: { type: "value", name: "ms", nameLocation: "middle", nameGap: 28, scale: true },
    yAxis: { type: "value", name: "% of values ≤", min: 0, max: 100 },
    series,
  });
}

/** Output tokens per second over each point's window, per interval. */
export function throughputSeriesChart(r: PerfReport): string {
  return svg({
    title: { text: "Output tokens per second over time", left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    xAxis: { type: "value", name: "s into the point", nameLocation: "middle", nameGap: 28 },
    yAxis: { type: "value", name: "tokens/s" },
    series: r.points.map((p) => ({ name: label(r, p.level), type: "line" as const, showSymbol: false, data: p.series.output_tokens.map((t, i) => [Math.round(i * p.series.interval_s * 10) / 10, Math.round(t / p.series.interval_s)]) })),
  });
}

/** At most ~400 points per curve: the SVG stays small; the first and last points are kept. */
function thin(data: number[][]): number[][] {
  if (data.length <= 400) return data;
  const step = data.length / 400;
  const out = Array.from({ length: 400 }, (_, i) => data[Math.floor(i * step)]);
  out.push(data[data.length - 1]);
  return out;
}
