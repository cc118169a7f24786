import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { assembleStream, chunksOf, requestBody } from "./util.js";

export const oneFinishPerChoice: CheckDefinition = {
  name: "oneFinishPerChoice",
  description: "Every choice index 0…n−1 appears in the stream, exactly one chunk per choice carries a non-null finish_reason, and it is the last chunk carrying that choice.",
  args: { type: "object", additionalProperties: false, properties: { n: { type: "integer", minimum: 1 } } },
  run(args, ctx) {
    const chunks = chunksOf(ctx);
    if (!chunks) return fail("the response is not a stream");
    const n = (args.n as number | undefined) ?? (typeof requestBody(ctx).n === "number" ? (requestBody(ctx).n as number) : 1);
    const choices = assembleStream(chunks);
    for (let i = 0; i < n; i++) {
      const c = choices.get(i);
      if (!c) return fail(`choice ${i} never appears`, `choices 0…${n - 1}`, show([...choices.keys()]));
      if (c.finishReasons.length !== 1) return fail(`choice ${i}: ${c.finishReasons.length} chunks carry a finish_reason`, "exactly one", show(c.finishReasons));
      if (c.firstFinishChunk !== c.lastChunk) return fail(`choice ${i}: chunks carry the choice after its finish_reason`, `finish_reason on the last chunk of choice ${i}`, `finish at chunk ${c.firstFinishChunk + 1}, last chunk ${c.lastChunk + 1}`);
    }
    const extra = [...choices.keys()].filter((k) => k >= n);
    if (extra.length > 0) return fail(`choice index out of range 0…${n - 1}`, `indices < ${n}`, show(extra));
    return pass();
  },
};
