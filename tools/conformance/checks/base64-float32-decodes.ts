import type { CheckDefinition } from "./types.js";
import { fail, inconclusive, pass, show } from "./types.js";
import { decodeBase64Float32, embeddingsOf, vectorOf } from "./embedding-util.js";

export const base64Float32Decodes: CheckDefinition = {
  name: "base64Float32Decodes",
  description:
    "Every embedding is standard padded base64 of little-endian float32 values: a positive multiple of 4 bytes, all finite. With `compareStep`, each decoded vector equals that step's float vector rounded to float32, within `tolerance` (default 1e-6, absolute) plus, with `noiseStep` (a second float response to the same input), twice the largest difference the server shows between its own two float responses: a comparison of two responses, inconclusive where the run did not show reproducible vectors.",
  args: { type: "object", additionalProperties: false, properties: { compareStep: { type: "string" }, noiseStep: { type: "string" }, tolerance: { type: "number", minimum: 0 } } },
  // The decoding is judged on this response alone; the comparison with the float step only where the run showed reproducible vectors.
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
      const noise = args.noiseStep === undefined ? [] : embeddingsOf(ctx.steps[String(args.noiseStep)]?.response?.json).map(vectorOf);
      /**
       * The server's own noise for embedding i: twice the largest difference between its two float responses
       * (two independent draws may each sit that far off, on opposite sides); 0 when unknown.
       */
      const jitter = (i: number) => {
        const [a, b] = [other[i], noise[i]];
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return 0;
        return 2 * a.reduce((m, x, k) => Math.max(m, Math.abs(x - b[k])), 0);
      };
      for (const [i, v] of decoded.entries()) {
        const w = other[i];
        if (typeof w === "string") return fail(`step ${args.compareStep}, embedding ${i}: ${w}`);
        if (w.length !== v.length) return fail(`embedding ${i}: ${v.length} dimensions, the float response has ${w.length}`);
        const allowed = tolerance + jitter(i);
        const j = v.findIndex((x, k) => !(Math.abs(x - Math.fround(w[k])) <= allowed));
        if (j !== -1) return fail(`embedding ${i}, dimension ${j}: base64 and float values differ by more than the server's own float responses do`, String(Math.fround(w[j])), String(v[j]));
      }
    }
    return pass();
  },
};
