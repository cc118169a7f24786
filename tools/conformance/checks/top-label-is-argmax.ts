import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { classificationResults } from "./classification-util.js";

export const topLabelIsArgmax: CheckDefinition = {
  name: "topLabelIsArgmax",
  description: "Every classification result's `label` is the label with the highest probability, the first of them on a tie.",
  run(_args, ctx) {
    const results = classificationResults(ctx.document);
    if (!results || results.length === 0) return fail("the response has no classification results in data");
    for (const r of results) {
      if (r.labels.length === 0) return fail(`result ${show(r.index)} has no labels`);
      let best = r.labels[0];
      for (const l of r.labels) if (Number(l.probability) > Number(best.probability)) best = l;
      if (r.label !== best.label) return fail(`result ${show(r.index)} names ${show(r.label)} but ${show(best.label)} has the highest probability`, show(best.label), show(r.label));
    }
    return pass();
  },
};
