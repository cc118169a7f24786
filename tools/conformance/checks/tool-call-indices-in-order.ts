import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { toolCallDeltas } from "./tool-call-delta-fields.js";
import { chunksOf, isObject } from "./util.js";

export const toolCallIndicesInOrder: CheckDefinition = {
  name: "toolCallIndicesInOrder",
  description:
    "In a stream, the tool-call indices of each choice first appear in increasing order without gaps: 0, then 1, then 2 … (elements without an integer index are left to toolCallDeltaFields).",
  run(_args, ctx) {
    const chunks = chunksOf(ctx);
    if (!chunks) return fail("the response is not a stream");
    const next = new Map<string, number>();
    for (const { chunk, choice, element } of toolCallDeltas(chunks)) {
      if (!isObject(element) || !Number.isInteger(element.index)) continue;
      const key = String(choice);
      const expected = next.get(key) ?? 0;
      const index = element.index as number;
      if (index === expected) next.set(key, expected + 1);
      else if (index > expected || index < 0) return fail(`chunk ${chunk}, choice ${key}: tool call index ${index} appears before index ${expected}`, `index ${expected} (or an earlier one)`, show(index));
    }
    return pass();
  },
};
