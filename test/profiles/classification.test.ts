// Classification (spec/1.0/classification.md): the reference model's pure scoring, the named checks that
// judge results, and the endpoint over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify, topLabel, FIXED_LABELS } from "../../tools/serve/endpoints/classifications.js";
import { labelsInOrder } from "../../tools/conformance/checks/labels-in-order.js";
import { probabilitiesSumToOne } from "../../tools/conformance/checks/probabilities-sum-to-one.js";
import { topLabelIsArgmax } from "../../tools/conformance/checks/top-label-is-argmax.js";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { getValidator } from "../../tools/validate/validators.js";
import { context } from "../conformance/checks/suite-check-context.js";

const zeroShot = (labels: string[]) => labels.map((label) => ({ label, prototype: label }));
const result = (label: string, ...pairs: [string, number][]) => ({ object: "classification", index: 0, label, labels: pairs.map(([l, probability]) => ({ label: l, probability })) });
const list = (...data: unknown[]) => ({ body: { object: "list", data } });

describe("the reference classifier", () => {
  it("gives a distribution over the label set, in its order, summing to 1", () => {
    const scores = classify("What a lovely day", zeroShot(["sunny", "rainy", "lovely"]), false);
    expect(scores.map((s) => s.label)).toEqual(["sunny", "rainy", "lovely"]);
    expect(scores.reduce((a, s) => a + s.probability, 0)).toBeCloseTo(1, 10);
    expect(scores.every((s) => s.probability >= 0 && s.probability <= 1)).toBe(true);
  });

  it("is deterministic and gives independent probabilities in multi-label mode", () => {
    const a = classify("The train was late again", FIXED_LABELS, true);
    expect(classify("The train was late again", FIXED_LABELS, true)).toEqual(a);
    expect(a.every((s) => s.probability > 0 && s.probability < 1)).toBe(true);
    expect(Math.abs(a.reduce((sum, s) => sum + s.probability, 0) - 1)).toBeGreaterThan(1e-3);
  });

  it("picks the first of tied labels as the top label", () => {
    expect(topLabel([{ label: "a", probability: 0.4 }, { label: "b", probability: 0.4 }, { label: "c", probability: 0.2 }])).toBe("a");
  });
});

describe("classification checks", () => {
  it("labelsInOrder: order matters unless anyOrder", () => {
    const doc = list(result("b", ["a", 0.2], ["b", 0.8]));
    expect(labelsInOrder.run({ labels: ["a", "b"] }, context(doc)).passed).toBe(true);
    expect(labelsInOrder.run({ labels: ["b", "a"] }, context(doc)).passed).toBe(false);
    expect(labelsInOrder.run({ labels: ["b", "a"], anyOrder: true }, context(doc)).passed).toBe(true);
    expect(labelsInOrder.run({ labels: ["a", "b", "c"], anyOrder: true }, context(doc)).passed).toBe(false);
  });

  it("probabilitiesSumToOne: fails a sum off by more than the tolerance and a probability outside [0, 1]", () => {
    expect(probabilitiesSumToOne.run({}, context(list(result("a", ["a", 0.7], ["b", 0.30001])))).passed).toBe(true);
    expect(probabilitiesSumToOne.run({}, context(list(result("a", ["a", 0.63], ["b", 0.27])))).message).toMatch(/sum to 0\.9/);
    expect(probabilitiesSumToOne.run({}, context(list(result("a", ["a", 2.3], ["b", -1.3])))).passed).toBe(false);
  });

  it("topLabelIsArgmax: the label must be the most probable, the first on a tie", () => {
    expect(topLabelIsArgmax.run({}, context(list(result("b", ["a", 0.2], ["b", 0.8])))).passed).toBe(true);
    expect(topLabelIsArgmax.run({}, context(list(result("a", ["a", 0.2], ["b", 0.8])))).passed).toBe(false);
    expect(topLabelIsArgmax.run({}, context(list(result("b", ["a", 0.5], ["b", 0.5])))).passed).toBe(false);
  });
});

describe("POST /v1/classifications on the reference server", () => {
  let server: RunningServer;
  const post = (body: unknown) => fetch(`${server.url}/classifications`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it("answers a zero-shot batch with a valid classification list", async () => {
    const res = await post({ model: "lis-tiny", input: ["What a lovely day", "The train was late again"], labels: ["positive", "negative"] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { index: number }[] };
    expect(getValidator("classification-list")(body).errors).toEqual([]);
    expect(body.data.map((r) => r.index)).toEqual([0, 1]);
  });

  it("uses the fixed labels that the model object declares when the request has none", async () => {
    const model = (await (await fetch(`${server.url}/models/lis-tiny`)).json()) as { lis: { labels: string[] } };
    const body = (await (await post({ model: "lis-tiny", input: "I like you." })).json()) as { data: { labels: { label: string }[] }[] };
    expect(body.data[0].labels.map((l) => l.label)).toEqual(model.lis.labels);
  });

  it("rejects bad labels with 400 and a field path under labels", async () => {
    for (const [labels, param] of [[[], "labels"], [["a", "a"], "labels[1]"], [["a", ""], "labels[1]"]] as const) {
      const res = await post({ model: "lis-tiny", input: "x", labels });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    }
  });
});
