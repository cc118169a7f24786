import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { classificationResults } from "./classification-util.js";

export const probabilitiesSumToOne: CheckDefinition = {
  name: "probabilitiesSumToOne",
  description: "In every classification result, each probability is a number in [0, 1] and they sum to 1 within `tolerance` (default 0.0001).",
  args: { type: "object", additionalProperties: false, properties: { tolerance: { type: "number", minimum: 0 } } },
  run(args, ctx) {
    const tolerance = typeof args.tolerance === "number" ? args.tolerance : 1e-4;
    const results = classificationResults(ctx.document);
    if (!results || results.length === 0) return fail("the response has no classification results in data");
    for (const r of results) {
      const probs = r.labels.map((l) => l.probability);
      const bad = probs.find((p) => typeof p !== "number" || !(p >= 0 && p <= 1));
      if (bad !== undefined) return fail(`result ${show(r.index)} has probability ${show(bad)}`, "numbers in [0, 1]", show(probs, 120));
      const sum = (probs as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > tolerance) return fail(`the probabilities of result ${show(r.index)} sum to ${sum}`, `1 ± ${tolerance}`, String(sum));
    }
    return pass();
  },
};
