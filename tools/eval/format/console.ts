import { fixed, table } from "./table.js";

interface ReportView {
  task: string;
  model: { id: string; base_url?: string; embedded?: boolean };
  dataset: { path?: string; sha256: string; items: number };
  counts: { items: number; scored: number; failed: number };
  metrics: { id: string; value: number }[];
  classes?: { label: string; support: number; precision: number; recall: number; f1: number }[];
  failures?: { index: number; line?: number; error: string }[];
  settings: { fallback?: string };
}

const SHOWN_FAILURES = 5;

/** The console summary of one report. Pure. */
export function formatConsole(report: Record<string, unknown>): string {
  const r = report as unknown as ReportView;
  const out: string[] = [];
  out.push(`lis eval: ${r.task} · model ${r.model.id} @ ${r.model.embedded ? "embedded reference server" : r.model.base_url}`);
  out.push(`dataset ${r.dataset.path ?? ""} ${r.dataset.sha256.slice(0, 19)}… · ${r.counts.items} items, ${r.counts.scored} scored, ${r.counts.failed} failed`);
  if (r.settings.fallback) out.push(`(classification over chat completions: ${r.settings.fallback})`);
  out.push("", table([["metric", "value"], ...r.metrics.map((m) => [m.id, fixed(m.value)])]));
  if (r.classes?.length) out.push("", table([["class", "support", "precision", "recall", "f1"], ...r.classes.map((c) => [c.label, String(c.support), fixed(c.precision), fixed(c.recall), fixed(c.f1)])]));
  if (r.counts.failed > 0) {
    out.push("", `${r.counts.failed} item(s) failed and are not in the metrics (EVAL-003):`);
    for (const f of (r.failures ?? []).slice(0, SHOWN_FAILURES)) out.push(`  item ${f.index}${f.line ? ` (line ${f.line})` : ""}: ${f.error}`);
    if ((r.failures?.length ?? 0) > SHOWN_FAILURES) out.push(`  … and ${r.failures!.length - SHOWN_FAILURES} more (see the report's failures)`);
  }
  return out.join("\n") + "\n";
}
