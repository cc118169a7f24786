import type { CheckDefinition } from "./types.js";
import { fail, pass } from "./types.js";
import { cosine, embeddingsOf, vectorOf } from "./embedding-util.js";

export const embeddingsMatchStep: CheckDefinition = {
  name: "embeddingsMatchStep",
  description: "Selected vectors equal vectors of an earlier step up to cosine similarity `min` (default 0.999): `pairs` lists [index here, index there].",
  args: {
    type: "object",
    required: ["step", "pairs"],
    additionalProperties: false,
    properties: {
      step: { type: "string" },
      pairs: { type: "array", minItems: 1, items: { type: "array", minItems: 2, maxItems: 2, items: { type: "integer", minimum: 0 } } },
      min: { type: "number" },
    },
  },
  comparative: "whole",
  run(args, ctx) {
    const min = (args.min as number | undefined) ?? 0.999;
    const here = embeddingsOf(ctx.document).map(vectorOf);
    const there = embeddingsOf(ctx.steps[String(args.step)]?.response?.json).map(vectorOf);
    for (const [i, j] of args.pairs as [number, number][]) {
      const a = here[i];
      const b = there[j];
      if (a === undefined || typeof a === "string") return fail(`no readable embedding ${i} here`);
      if (b === undefined || typeof b === "string") return fail(`no readable embedding ${j} in step ${args.step}`);
      if (a.length !== b.length) return fail(`embedding ${i}: ${a.length} dimensions, step ${args.step}'s ${j}: ${b.length}`);
      const c = cosine(a, b);
      if (!(c >= min)) return fail(`embedding ${i} vs step ${args.step}'s ${j}: cosine similarity ${c.toFixed(6)}`, `≥ ${min}`, c.toFixed(6));
    }
    return pass();
  },
};
