import { CLASSIFICATION_METRICS, GENERATION_METRICS, classCounts, confusionMatrix, definitionUrl, itemExactMatch, itemTokenF1, perClass, zeroDivisions } from "./metrics/index.js";
import type { LabelOutcome, Task, TextOutcome } from "./metrics/types.js";
import type { EvalDataset, EvalItem } from "./dataset.js";

/** What happened to one item. */
export interface ItemResult {
  index: number;
  status: "scored" | "failed";
  prediction?: string;
  error?: string;
  attempts: number;
}

export interface ReportInput {
  task: Task;
  model: { id: string; base_url?: string; embedded?: boolean; lineage?: Record<string, unknown>; metadata?: Record<string, unknown> };
  dataset: EvalDataset;
  settings: Record<string, unknown> & { endpoint: string; limit: number | null };
  results: readonly ItemResult[];
  runner: { name: string; version: string };
  startedAt: Date;
  finishedAt: Date;
  includeItems: boolean;
  conformance?: { source?: string; profiles: { profile: string; verdict: string }[] };
}

/** Builds the evaluation report (schemas/1.0/eval-report.schema.json) from the items and their results. Pure. */
export function buildReport(input: ReportInput): Record<string, unknown> {
  const byIndex = new Map(input.results.map((r) => [r.index, r]));
  const items = input.dataset.items;
  const scored = items.filter((i) => byIndex.get(i.index)?.status === "scored");
  const failed = items.filter((i) => byIndex.get(i.index)?.status !== "scored");
  const report: Record<string, unknown> = {
    object: "lis.eval_report",
    lis_version: "1.0",
    runner: input.runner,
    task: input.task,
    model: input.model,
    dataset: { path: input.dataset.path, sha256: input.dataset.sha256, items: items.length, ...(input.task === "classification" ? { labels: input.dataset.labels } : {}) },
    settings: input.settings,
    started_at: input.startedAt.toISOString(),
    finished_at: input.finishedAt.toISOString(),
    counts: { items: items.length, scored: scored.length, failed: failed.length },
  };
  if (input.task === "classification") {
    const outcomes: LabelOutcome[] = scored.map((i) => ({ gold: i.label!, predicted: byIndex.get(i.index)!.prediction! }));
    const counts = classCounts(outcomes);
    report.metrics = CLASSIFICATION_METRICS.map((m) => ({ id: m.id, value: m.compute(outcomes), definition: definitionUrl(anchorOf(m.id)) }));
    report.classes = counts.map(perClass);
    report.confusion_matrix = confusionMatrix(outcomes);
    report.zero_division = zeroDivisions(counts);
  } else {
    const outcomes: TextOutcome[] = scored.map((i) => ({ prediction: byIndex.get(i.index)!.prediction!, references: i.references! }));
    report.metrics = GENERATION_METRICS.map((m) => ({ id: m.id, value: m.compute(outcomes), definition: definitionUrl(anchorOf(m.id)) }));
  }
  report.failures = failed.map((i) => {
    const r = byIndex.get(i.index);
    return { index: i.index, line: i.line, ...(i.id ? { id: i.id } : {}), error: r?.error ?? "not run", ...(r ? { attempts: r.attempts } : {}) };
  });
  if (input.includeItems) report.items = items.map((i) => itemEntry(i, byIndex.get(i.index), input.task));
  if (input.conformance) report.conformance = input.conformance;
  return report;
}

function itemEntry(item: EvalItem, result: ItemResult | undefined, task: Task): Record<string, unknown> {
  const base = { index: item.index, line: item.line, ...(item.id ? { id: item.id } : {}) };
  const reference = task === "classification" ? item.label! : item.references!.join(" | ");
  if (!result || result.status === "failed") return { ...base, status: "failed", reference, error: result?.error ?? "not run" };
  const prediction = result.prediction!;
  if (task === "classification") return { ...base, status: "scored", prediction, reference, score: prediction === item.label ? 1 : 0 };
  return { ...base, status: "scored", prediction, reference, score: itemExactMatch(prediction, item.references!), token_f1: itemTokenF1(prediction, item.references!) };
}

/** Heading anchors of evaluation.md: `### precision, recall, f1 (per class)` holds the per-class family; averages have their own. */
function anchorOf(id: string): string {
  const m = /^(precision|recall|f1)_(macro|micro|weighted)$/.exec(id);
  return m ? `precision_${m[2]}-recall_${m[2]}-f1_${m[2]}` : id;
}
