import { describe, expect, it } from "vitest";
import {
  CLASSIFICATION_METRICS,
  GENERATION_METRICS,
  classCounts,
  confusionMatrix,
  normalise,
  perClass,
  tokenF1,
  tokens,
  zeroDivisions,
  type LabelOutcome,
} from "../../tools/eval/metrics/index.js";

const outcomes = (pairs: Array<[string, string]>): LabelOutcome[] => pairs.map(([gold, predicted]) => ({ gold, predicted }));
const values = (os: LabelOutcome[]) => Object.fromEntries(CLASSIFICATION_METRICS.map((m) => [m.id, m.compute(os)]));

describe("classification metrics against hand-computed values", () => {
  // Gold→predicted: a→a, a→b, b→b, b→b, c→a. Class c has support 1 and is never predicted.
  // a: TP1 FP1 FN1 → P .5 R .5 F1 .5 · b: TP2 FP1 FN0 → P 2/3 R 1 F1 .8 · c: TP0 FP0 FN1 → P 0 (0/0) R 0 F1 0 (0/0)
  const os = outcomes([["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"], ["c", "a"]]);
  const v = values(os);

  it("accuracy and exact match", () => {
    expect(v.accuracy).toBeCloseTo(3 / 5, 12);
    expect(v.exact_match).toBeCloseTo(3 / 5, 12);
  });

  it("per-class precision, recall, F1 and support", () => {
    expect(classCounts(os).map(perClass)).toEqual([
      { label: "a", support: 2, precision: 0.5, recall: 0.5, f1: 0.5 },
      { label: "b", support: 2, precision: 2 / 3, recall: 1, f1: expect.closeTo(0.8, 12) },
      { label: "c", support: 1, precision: 0, recall: 0, f1: 0 },
    ]);
  });

  it("macro averages are unweighted means of per-class values (F1 is the mean of F1s)", () => {
    expect(v.precision_macro).toBeCloseTo((0.5 + 2 / 3 + 0) / 3, 12);
    expect(v.recall_macro).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(v.f1_macro).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
  });

  it("micro averages equal accuracy for single-label data", () => {
    expect(v.precision_micro).toBeCloseTo(0.6, 12);
    expect(v.recall_micro).toBeCloseTo(0.6, 12);
    expect(v.f1_micro).toBeCloseTo(0.6, 12);
  });

  it("weighted averages weigh by support", () => {
    expect(v.precision_weighted).toBeCloseTo((2 * 0.5 + 2 * (2 / 3) + 1 * 0) / 5, 12);
    expect(v.recall_weighted).toBeCloseTo((2 * 0.5 + 2 * 1 + 0) / 5, 12);
    expect(v.f1_weighted).toBeCloseTo((2 * 0.5 + 2 * 0.8 + 0) / 5, 12);
  });

  it("confusion matrix: rows gold, columns predicted, labels by code point", () => {
    expect(confusionMatrix(os)).toEqual({ labels: ["a", "b", "c"], matrix: [[1, 1, 0], [0, 2, 0], [1, 0, 0]] });
  });

  it("lists what the zero-division rule decided", () => {
    expect(zeroDivisions(classCounts(os))).toEqual([
      { metric: "precision", label: "c" },
      { metric: "f1", label: "c" },
    ]);
  });

  it("a predicted label outside the gold labels is a class with no support", () => {
    const o = outcomes([["x", "y"], ["x", "x"]]);
    const w = values(o);
    // x: TP1 FN1 → P 1 R .5 F1 2/3 · y: FP1 support 0 → P 0 R 0 (0/0) F1 0
    expect(w.precision_macro).toBeCloseTo(0.5, 12);
    expect(w.recall_macro).toBeCloseTo(0.25, 12);
    expect(w.f1_macro).toBeCloseTo(1 / 3, 12);
    expect(w.recall_weighted).toBeCloseTo(0.5, 12); // y has weight 0
    expect(zeroDivisions(classCounts(o))).toEqual([
      { metric: "recall", label: "y" },
      { metric: "f1", label: "y" },
    ]);
  });

  it("no scored items: every value is 0, not NaN", () => {
    for (const [id, value] of Object.entries(values([]))) expect(value, id).toBe(0);
    expect(confusionMatrix([])).toEqual({ labels: [], matrix: [] });
  });

  it("all correct: every value is 1", () => {
    for (const [id, value] of Object.entries(values(outcomes([["p", "p"], ["q", "q"], ["q", "q"]])))) expect(value, id).toBe(1);
  });

  it("orders labels by code point, not locale", () => {
    expect(confusionMatrix(outcomes([["b", "b"], ["B", "B"], ["ä", "a"]])).labels).toEqual(["B", "a", "b", "ä"]);
  });

  it("has unique ids", () => {
    const ids = CLASSIFICATION_METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("text normalisation", () => {
  it.each([
    ["The Eiffel-Tower!", "eiffel tower"],
    ["  a  an the  ", ""],
    ["Theater and anthem", "theater and anthem"],
    ["Ｐａｒｉｓ", "paris"], // NFKC folds full-width letters
    ["« Ça va ? »", "ça va"],
    ["$5 + 3", "5 3"],
    ["a the cat", "cat"],
  ])("normalise(%j) = %j", (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it("tokens of an empty normalised text are none", () => {
    expect(tokens("?!")).toEqual([]);
    expect(tokens("The cat, the hat")).toEqual(["cat", "hat"]);
  });
});

describe("generation metrics against hand-computed values", () => {
  it("token F1 of one pair", () => {
    expect(tokenF1("the cat sat", "a cat sat down")).toBeCloseTo(0.8, 12); // P 2/2, R 2/3
    expect(tokenF1("x x y", "x y y")).toBeCloseTo(2 / 3, 12); // multiset overlap 2
    expect(tokenF1("dog", "cat")).toBe(0);
    expect(tokenF1("The!", "a")).toBe(1); // both empty after normalisation
    expect(tokenF1("", "cat")).toBe(0);
    expect(tokenF1("cat", "")).toBe(0);
  });

  it("exact match and token F1 over a run take each item's best reference", () => {
    const em = GENERATION_METRICS.find((m) => m.id === "exact_match")!;
    const f1 = GENERATION_METRICS.find((m) => m.id === "token_f1")!;
    const items = [
      { prediction: "Paris.", references: ["paris"] }, // EM 1, F1 1
      { prediction: "blue sky", references: ["red", "blue"] }, // EM 0, F1 vs blue: P .5 R 1 → 2/3
      { prediction: "nothing", references: ["something"] }, // 0, 0
    ];
    expect(em.compute(items)).toBeCloseTo(1 / 3, 12);
    expect(f1.compute(items)).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(em.compute([])).toBe(0);
  });
});
