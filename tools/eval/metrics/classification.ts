import { classCounts, harmonic, perClass, ratio, type ClassCounts, type PerClass } from "./confusion.js";
import type { LabelOutcome, MetricDefinition } from "./types.js";

type Family = "precision" | "recall" | "f1";
type Average = "macro" | "micro" | "weighted";

const mean = (xs: number[]) => ratio(xs.reduce((a, b) => a + b, 0), xs.length);

function microValues(counts: readonly ClassCounts[]): Record<Family, number> {
  const tp = counts.reduce((s, c) => s + c.tp, 0);
  const predicted = counts.reduce((s, c) => s + c.tp + c.fp, 0);
  const actual = counts.reduce((s, c) => s + c.support, 0);
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, actual);
  return { precision, recall, f1: harmonic(precision, recall) };
}

const AVERAGES: Record<Average, (family: Family, classes: PerClass[], counts: ClassCounts[]) => number> = {
  macro: (family, classes) => mean(classes.map((c) => c[family])),
  micro: (family, _classes, counts) => microValues(counts)[family],
  weighted: (family, classes) =>
    ratio(
      classes.reduce((s, c) => s + c.support * c[family], 0),
      classes.reduce((s, c) => s + c.support, 0),
    ),
};

const averaged = (family: Family, average: Average): MetricDefinition<LabelOutcome> => ({
  id: `${family}_${average}`,
  task: "classification",
  description: `${family === "f1" ? "F1" : family} averaged ${average === "macro" ? "over classes, unweighted" : average === "micro" ? "from summed counts" : "over classes, weighted by support"}`,
  compute(outcomes) {
    const counts = classCounts(outcomes);
    return AVERAGES[average](family, counts.map(perClass), counts);
  },
});

export const accuracy: MetricDefinition<LabelOutcome> = {
  id: "accuracy",
  task: "classification",
  description: "share of items whose predicted label equals the gold label",
  compute: (outcomes) => ratio(outcomes.filter((o) => o.gold === o.predicted).length, outcomes.length),
};

export const labelExactMatch: MetricDefinition<LabelOutcome> = {
  id: "exact_match",
  task: "classification",
  description: "mean of 1 for an exactly equal label, else 0 (equals accuracy)",
  compute: accuracy.compute,
};

export const CLASSIFICATION_METRICS: readonly MetricDefinition<LabelOutcome>[] = [
  accuracy,
  ...(["precision", "recall", "f1"] as const).flatMap((family) => (["macro", "micro", "weighted"] as const).map((average) => averaged(family, average))),
  labelExactMatch,
];
