import type { LabelOutcome, ZeroDivision } from "./types.js";

/** Per-class counts of single-label outcomes (spec/1.0/evaluation.md, "Notation"). */
export interface ClassCounts {
  label: string;
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

/** The classes C: gold and predicted labels, ordered by code point (not locale). */
export function classesOf(outcomes: readonly LabelOutcome[]): string[] {
  const set = new Set<string>();
  for (const o of outcomes) {
    set.add(o.gold);
    set.add(o.predicted);
  }
  return [...set].sort(byCodePoint);
}

export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function classCounts(outcomes: readonly LabelOutcome[]): ClassCounts[] {
  const counts = new Map(classesOf(outcomes).map((label) => [label, { label, tp: 0, fp: 0, fn: 0, support: 0 }]));
  for (const { gold, predicted } of outcomes) {
    const g = counts.get(gold)!;
    g.support++;
    if (gold === predicted) g.tp++;
    else {
      g.fn++;
      counts.get(predicted)!.fp++;
    }
  }
  return [...counts.values()];
}

/** The zero-division rule: a ratio whose denominator is 0 is 0. */
export const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);
export const harmonic = (p: number, r: number) => ratio(2 * p * r, p + r);

export interface PerClass {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export function perClass(c: ClassCounts): PerClass {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.support);
  return { label: c.label, support: c.support, precision, recall, f1: harmonic(precision, recall) };
}

/** Which per-class values the zero-division rule decided (a class never predicted, a class with no support). */
export function zeroDivisions(counts: readonly ClassCounts[]): ZeroDivision[] {
  const out: ZeroDivision[] = [];
  for (const c of counts) {
    const p = ratio(c.tp, c.tp + c.fp);
    const r = ratio(c.tp, c.support);
    if (c.tp + c.fp === 0) out.push({ metric: "precision", label: c.label });
    if (c.support === 0) out.push({ metric: "recall", label: c.label });
    if (p + r === 0) out.push({ metric: "f1", label: c.label });
  }
  return out;
}

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[i][j]: gold labels[i], predicted labels[j]. */
  matrix: number[][];
}

export function confusionMatrix(outcomes: readonly LabelOutcome[]): ConfusionMatrix {
  const labels = classesOf(outcomes);
  const at = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const o of outcomes) matrix[at.get(o.gold)!][at.get(o.predicted)!]++;
  return { labels, matrix };
}
