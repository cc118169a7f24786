import type { CheckDefinition } from "./types.js";
import { fail, inconclusive, pass, show } from "./types.js";
import { decodeBase64Float32, embeddingsOf, vectorOf } from "./embedding-util.js";

export const base64Float32Decodes: CheckDefinition = {
  name: "base64Float32Decodes",
  description:
    "Every embedding is standard padded base64 of little-endian float32 values: a positive multiple of 4 bytes, all finite. With `compareStep`, each decoded vector equals that step's float vector rounded to float32, within `tolerance` (default 1e-6, absolute).",
  args: { type: "object", additionalProperties: false, properties: { compareStep: { type: "string" }, tolerance: { type: "number", minimum: 0 } } },
  // The encoding is judged on this response alone; equality with the float vector needs the other step.
  comparative: "partly",
  run(args, ctx) {
    const vectors = embeddingsOf(ctx.document);
    if (vectors.length === 0) return fail("no embeddings in $.data");
    const decoded: number[][] = [];
    for (const [i, e] of vectors.entries()) {
      if (typeof e !== "string") return fail(`embedding ${i} is not a string`, "a base64 string", show(e, 80));
      const v = decodeBase64Float32(e);
      if (typeof v === "string") return fail(`embedding ${i}: ${v}`, "base64 of float32 values", show(e, 80));
      if (!v.every(Number.isFinite)) return fail(`embedding ${i} decodes to a non-finite value`, "finite float32 values", show(v.find((x) => !Number.isFinite(x))));
      decoded.push(v);
    }
    if (args.compareStep !== undefined) {
      if (ctx.notComparable !== undefined) return inconclusive(`whether the values equal step ${String(args.compareStep)}'s floats: ${ctx.notComparable}`);
      const tolerance = (args.tolerance as number | undefined) ?? 1e-6;
      const other = embeddingsOf(ctx.steps[String(args.compareStep)]?.response?.json).map(vectorOf);
      if (other.length !== decoded.length) return fail(`step ${args.compareStep} has ${other.length} embeddings, this one ${decoded.length}`);
      for (const [i, v] of decoded.entries()) {
        const w = other[i];
        if (typeof w === "string") return fail(`step ${args.compareStep}, embedding ${i}: ${w}`);
        if (w.length !== v.length) return fail(`embedding ${i}: ${v.length} dimensions, the float response has ${w.length}`);
        const j = v.findIndex((x, k) => !(Math.abs(x - Math.fround(w[k])) <= tolerance));
        if (j !== -1) return fail(`embedding ${i}, dimension ${j}: base64 and float values differ`, String(Math.fround(w[j])), String(v[j]));
      }
    }
    return pass();
  },
};
