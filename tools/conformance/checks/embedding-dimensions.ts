import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { embeddingsOf, vectorOf } from "./embedding-util.js";

export const embeddingDimensions: CheckDefinition = {
  name: "embeddingDimensions",
  description: "All vectors of the response have the same number of dimensions; with `equals`, exactly that many; with `sameAsStep`, as many as that step's vectors.",
  args: { type: "object", additionalProperties: false, properties: { equals: { type: "integer", minimum: 1 }, sameAsStep: { type: "string" } } },
  run(args, ctx) {
    const dims = embeddingsOf(ctx.document).map(vectorOf).map((v) => (typeof v === "string" ? -1 : v.length));
    if (dims.length === 0) return fail("no embeddings in $.data");
    if (dims.includes(-1)) return fail("an embedding is neither numbers nor base64");
    if (new Set(dims).size > 1) return fail("vectors of different lengths in one response", "one length", show(dims));
    if (args.equals !== undefined && dims[0] !== args.equals) return fail(`vectors have ${dims[0]} dimensions`, String(args.equals), String(dims[0]));
    if (args.sameAsStep !== undefined) {
      const other = embeddingsOf(ctx.steps[String(args.sameAsStep)]?.response?.json).map(vectorOf);
      const w = other[0];
      if (w === undefined || typeof w === "string") return fail(`step ${args.sameAsStep} has no readable vector`);
      if (w.length !== dims[0]) return fail(`vectors have ${dims[0]} dimensions, step ${args.sameAsStep}'s ${w.length}`, String(w.length), String(dims[0]));
    }
    return pass();
  },
};
