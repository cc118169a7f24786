import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { chunksOf, isObject } from "./util.js";

export const streamUsageChunk: CheckDefinition = {
  name: "streamUsageChunk",
  description:
    "Exactly one chunk of the stream has a non-null `usage`: the last chunk before the terminator, with `choices` an empty array and `usage` an object; every other chunk has `usage` absent or null.",
  run(_args, ctx) {
    const chunks = chunksOf(ctx);
    if (!chunks) return fail("the response is not a stream");
    if (chunks.length === 0) return fail("the stream has no chunks");
    const withUsage = chunks.flatMap((c, i) => (c.usage !== undefined && c.usage !== null ? [i] : []));
    if (withUsage.length === 0) return fail("no chunk carries usage", "one usage chunk before [DONE]", "none");
    if (withUsage.length > 1) return fail(`${withUsage.length} chunks carry usage (chunks ${withUsage.map((i) => i + 1).join(", ")})`, "exactly one", String(withUsage.length));
    const last = chunks.length - 1;
    if (withUsage[0] !== last) return fail(`the usage chunk is chunk ${withUsage[0] + 1} of ${chunks.length}, not the last`, "the last chunk before [DONE]", `chunk ${withUsage[0] + 1}`);
    const chunk = chunks[last];
    if (!Array.isArray(chunk.choices) || chunk.choices.length !== 0) return fail("the usage chunk's choices is not an empty array", "[]", show(chunk.choices, 120));
    if (!isObject(chunk.usage)) return fail("usage is not an object", "an object", show(chunk.usage));
    return pass();
  },
};
