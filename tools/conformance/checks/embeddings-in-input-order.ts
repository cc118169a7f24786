import type { CheckDefinition } from "./types.js";
import { fail, inconclusive, pass } from "./types.js";
import { cosine, embeddingsOf, vectorOf } from "./embedding-util.js";

/** Alone-vectors closer than this cannot tell their inputs apart, so they cannot show an order either. */
const INDISTINCT = 0.9999;

export const embeddingsInInputOrder: CheckDefinition = {
  name: "embeddingsInInputOrder",
  description:
    "The vector at each position of this batch is the vector of the input at that position: of the vectors that `aloneSteps` got for each input alone (one step per input, in input order), the nearest (cosine) is that input's. An `index` that matches its position proves nothing when the vectors themselves were reordered.",
  args: {
    type: "object",
    required: ["aloneSteps"],
    additionalProperties: false,
    properties: { aloneSteps: { type: "array", minItems: 2, items: { type: "string" } } },
  },
  comparative: "whole",
  run(args, ctx) {
    const steps = args.aloneSteps as string[];
    const alone: number[][] = [];
    for (const [i, name] of steps.entries()) {
      const v = vectorOf(embeddingsOf(ctx.steps[name]?.response?.json)[0]);
      if (typeof v === "string") return fail(`no readable vector for input ${i} alone (step ${name}): ${v}`);
      alone.push(v);
    }
    for (let i = 0; i < alone.length; i++) {
      for (let j = i + 1; j < alone.length; j++) {
        if (alone[i].length === alone[j].length && cosine(alone[i], alone[j]) > INDISTINCT) return inconclusive(`inputs ${i} and ${j} get the same vector alone (cosine > ${INDISTINCT}): this model does not tell them apart`);
      }
    }
    const batch = embeddingsOf(ctx.document).map(vectorOf);
    if (batch.length !== alone.length) return fail(`${batch.length} vectors for ${alone.length} inputs`, String(alone.length), String(batch.length));
    for (const [position, v] of batch.entries()) {
      if (typeof v === "string") return fail(`vector at position ${position}: ${v}`);
      // Vectors of different lengths cannot be compared: that is EMB-014's to charge, not an order.
      if (alone.some((a) => a.length !== v.length)) return inconclusive(`the vector at position ${position} has ${v.length} dimensions, the inputs' vectors alone ${[...new Set(alone.map((a) => a.length))].join(", ")} (EMB-014): the order cannot be compared`);
      const scores = alone.map((a) => cosine(v, a));
      const nearest = scores.indexOf(Math.max(...scores));
      if (nearest !== position) {
        return fail(`the vector at position ${position} is input ${nearest}'s (cosine ${scores[nearest].toFixed(4)} with it alone, ${scores[position].toFixed(4)} with input ${position}'s)`, `input ${position}'s vector at position ${position}`, `input ${nearest}'s vector`);
      }
    }
    return pass();
  },
};
