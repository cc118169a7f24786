import type { CheckDefinition } from "./types.js";
import { fail, pass } from "./types.js";
import { embeddingsOf, norm, vectorOf } from "./embedding-util.js";

export const embeddingsNormalised: CheckDefinition = {
  name: "embeddingsNormalised",
  description: "Every vector (float or base64) has a Euclidean norm of 1 within `tolerance` (default 0.001).",
  args: { type: "object", additionalProperties: false, properties: { tolerance: { type: "number", minimum: 0 } } },
  run(args, ctx) {
    const tolerance = (args.tolerance as number | undefined) ?? 0.001;
    const vectors = embeddingsOf(ctx.document);
    if (vectors.length === 0) return fail("no embeddings in $.data");
    for (const [i, e] of vectors.entries()) {
      const v = vectorOf(e);
      if (typeof v === "string") return fail(`embedding ${i}: ${v}`);
      const n = norm(v);
      if (!(Math.abs(n - 1) <= tolerance)) return fail(`embedding ${i} has norm ${n.toFixed(6)}`, `1 ± ${tolerance}`, n.toFixed(6));
    }
    return pass();
  },
};
