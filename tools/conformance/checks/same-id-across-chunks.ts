import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { deepEqual } from "../assertions.js";
import { chunksOf } from "./util.js";

export const sameIdAcrossChunks: CheckDefinition = {
  name: "sameIdAcrossChunks",
  description: "Every chunk of the stream carries the same non-empty `id` (and the same values of any other `fields`, e.g. created, model).",
  args: { type: "object", additionalProperties: false, properties: { fields: { type: "array", items: { type: "string" }, minItems: 1 } } },
  run(args, ctx) {
    const chunks = chunksOf(ctx);
    if (!chunks) return fail("the response is not a stream");
    if (chunks.length === 0) return fail("the stream has no JSON chunks");
    const fields = (args.fields as string[] | undefined) ?? ["id"];
    if (fields.includes("id") && (typeof chunks[0].id !== "string" || chunks[0].id === "")) return fail("the first chunk has no non-empty id", "a non-empty string id", show(chunks[0].id));
    for (const f of fields) {
      const first = chunks[0][f];
      const i = chunks.findIndex((c) => !deepEqual(c[f], first));
      if (i !== -1) return fail(`chunk ${i + 1} has a different ${f}`, `${f} ${show(first)} (as chunk 1)`, `${f} ${show(chunks[i][f])}`);
    }
    return pass();
  },
};
