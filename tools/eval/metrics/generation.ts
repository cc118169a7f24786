import { normalise, tokens } from "./normalise.js";
import type { MetricDefinition, TextOutcome } from "./types.js";

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function itemExactMatch(prediction: string, references: readonly string[]): number {
  const p = normalise(prediction);
  return references.some((r) => normalise(r) === p) ? 1 : 0;
}

/** Token-level F1 of one prediction against one reference (multiset overlap of normalised tokens). */
export function tokenF1(prediction: string, reference: string): number {
  const p = tokens(prediction);
  const g = tokens(reference);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / g.length;
  return (2 * precision * recall) / (precision + recall);
}

export const itemTokenF1 = (prediction: string, references: readonly string[]) => Math.max(0, ...references.map((r) => tokenF1(prediction, r)));

export const GENERATION_METRICS: readonly MetricDefinition<TextOutcome>[] = [
  {
    id: "exact_match",
    task: "generation",
    description: "share of items whose normalised prediction equals a normalised reference",
    compute: (outcomes) => mean(outcomes.map((o) => itemExactMatch(o.prediction, o.references))),
  },
  {
    id: "token_f1",
    task: "generation",
    description: "mean over items of the best token-level F1 against a reference",
    compute: (outcomes) => mean(outcomes.map((o) => itemTokenF1(o.prediction, o.references))),
  },
];
