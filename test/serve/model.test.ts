import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { builtinModel, embed, toBase64 } from "../../tools/serve/model/index.js";
import { pieces } from "../../tools/serve/model/tokenizer.js";
import { seededRandom } from "../../tools/serve/model/prng.js";
import { DEFAULT_SAMPLING, samplingDistribution } from "../../tools/serve/model/sampler.js";

const model = builtinModel();
const options = (seed: string, extra = {}) => ({ sampling: { ...DEFAULT_SAMPLING, ...extra }, random: seededRandom(seed), topLogprobs: 3 });

describe("tokenizer", () => {
  it("splits any text into pieces that concatenate back to it", () => {
    for (const text of ["The Fox, quite sour.", "  two  spaces\n\nand\ttabs", "emoji 😀 and ünïcödé", "", "a'b 123456 x"]) {
      expect(pieces(text).join("")).toBe(text);
    }
  });

  it("maps unknown pieces to <unk> and counts one token per piece", () => {
    expect(model.vocab.encode(" Fox zzzqqq")).toEqual([model.vocab.id(" Fox"), 0]);
    expect(model.countTokens("The Fox, quite sour.")).toBe(6);
  });
});

describe("trigram model and sampler", () => {
  it("gives a distribution that sums to 1 and never emits <unk> or <s>", () => {
    const p = model.ngram.distribution([1]);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(p[0]).toBe(0);
    expect(p[1]).toBe(0);
  });

  it("reports log-probabilities that are ≤ 0 and exponentiate to at most 1, also at tiny temperatures", () => {
    for (const temperature of [0.01, 0.7, 2]) {
      const { logq } = samplingDistribution(model.ngram.cached([1]), { ...DEFAULT_SAMPLING, temperature }, new Map());
      const finite = [...logq].filter((x) => x !== -Infinity);
      expect(finite.every((x) => x <= 0 && Number.isFinite(x))).toBe(true);
      expect(finite.reduce((s, x) => s + Math.exp(x), 0)).toBeCloseTo(1, 6);
    }
  });

  it("is reproducible with a seed and varies with another", () => {
    const a = model.run(model.text("The Lion", options("7")), 40, []);
    const b = model.run(model.text("The Lion", options("7")), 40, []);
    const c = model.run(model.text("The Lion", options("8")), 40, []);
    expect(a.content).toBe(b.content);
    expect(a.content).not.toBe(c.content);
  });

  it("picks the most likely token at temperature 0", () => {
    const done = model.run(model.text("The Lion", options("x", { temperature: 0 })), 20, []);
    for (const t of done.tokens) expect(t.logprob).toBe(t.top![0].logprob);
  });

  it("stops at max tokens with length, and before a stop string with stop", () => {
    const long = model.run(model.text("", options("1", { temperature: 0 })), 5, []);
    expect(long.finishReason).toBe("length");
    expect(long.completionTokens).toBe(5);
    const full = model.run(model.text("", options("1", { temperature: 0 })), 60, []).content;
    const stop = full.slice(10, 14);
    const cut = model.run(model.text("", options("1", { temperature: 0 })), 60, [stop]);
    expect(cut.finishReason).toBe("stop");
    expect(cut.content).toBe(full.slice(0, full.indexOf(stop)));
  });
});

describe("JSON instances", () => {
  const ajv = new Ajv2020({ strict: false, logger: false });
  const schemas = [
    { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1, maximum: 7 } }, required: ["city", "days"], additionalProperties: false },
    { type: "array", items: { enum: ["a", "b"] }, minItems: 2, maxItems: 3 },
    { type: "object", properties: { n: { type: "number", exclusiveMinimum: 0, multipleOf: 0.5 }, s: { type: "string", minLength: 30, maxLength: 40 } }, required: ["n", "s"] },
    { $defs: { point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } }, type: "object", properties: { p: { $ref: "#/$defs/point" }, q: { anyOf: [{ type: "null" }, { type: "string" }] } }, required: ["p", "q"] },
    { type: "object", properties: { when: { type: "string", format: "date-time" }, id: { const: 7 }, tags: { type: ["array", "null"], items: { type: "boolean" } } }, required: ["when", "id", "tags"] },
  ];
  for (const [i, schema] of schemas.entries()) {
    it(`produces a valid instance of schema ${i}`, () => {
      const text = model.json(schema, options(String(i))).map((t) => t.text).join("");
      const value = JSON.parse(text);
      expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
    });
  }

  it("refuses a schema it cannot satisfy, instead of returning an invalid instance", () => {
    expect(() => model.json({ type: "string", pattern: "^[0-9]{3}$" }, options("p"))).toThrow(/cannot produce/);
  });
});

describe("embeddings", () => {
  it("are deterministic, unit length and truncate to `dimensions` with renormalisation", () => {
    const a = embed("the fox and the grapes");
    expect(a).toHaveLength(64);
    expect(embed("the fox and the grapes")).toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    const short = embed("the fox and the grapes", 8);
    expect(short).toHaveLength(8);
    expect(Math.hypot(...short)).toBeCloseTo(1, 5);
  });

  it("put similar texts closer than unrelated ones", () => {
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(embed("the fox jumped"), embed("the fox leaped"))).toBeGreaterThan(dot(embed("the fox jumped"), embed("persuasion is better than force")));
  });

  it("encode base64 as little-endian float32", () => {
    const v = embed("fox", 4);
    const bytes = Buffer.from(toBase64(v), "base64");
    expect([0, 1, 2, 3].map((i) => bytes.readFloatLE(i * 4))).toEqual(v);
  });
});
