import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { classificationResults } from "./classification-util.js";

export const labelsInOrder: CheckDefinition = {
  name: "labelsInOrder",
  description:
    "Every classification result lists exactly the given `labels`, each once, in that order (or, with `anyOrder: true`, in any order).",
  args: {
    type: "object",
    required: ["labels"],
    additionalProperties: false,
    // `labels` may be a variable (a captured lis.labels array), expanded when the check runs.
    properties: { labels: { anyOf: [{ type: "array", items: { type: "string" } }, { type: "string", pattern: "^\\$\\{[^}]+\\}$" }] }, anyOrder: { type: "boolean" } },
  },
  run(args, ctx) {
    if (!Array.isArray(args.labels)) return fail("labels is not an array of labels", "an array", show(args.labels));
    const want = args.labels as string[];
    const results = classificationResults(ctx.document);
    if (!results || results.length === 0) return fail("the response has no classification results in data");
    for (const r of results) {
      const got = r.labels.map((l) => l.label);
      const same = args.anyOrder === true
        ? got.length === want.length && want.every((w) => got.filter((g) => g === w).length === 1)
        : got.length === want.length && want.every((w, i) => got[i] === w);
      if (!same) return fail(`result ${show(r.index)} lists labels ${show(got, 120)}`, show(want, 120), show(got, 120));
    }
    return pass();
  },
};
