import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { choicesOf } from "./util.js";

export const finalChunkFinishReason: CheckDefinition = {
  name: "finalChunkFinishReason",
  description: "Each choice's finish_reason (for a stream: the one its finishing chunk carries) is one of `in`.",
  args: { type: "object", required: ["in"], additionalProperties: false, properties: { in: { type: "array", items: { type: "string" }, minItems: 1 } } },
  run(args, ctx) {
    const allowed = args.in as string[];
    const choices = choicesOf(ctx);
    if (choices.length === 0) return fail("no choices");
    const bad = choices.find((c) => !allowed.includes(c.finishReason as string));
    return bad ? fail(`choice ${bad.index} finished with ${show(bad.finishReason)}`, `one of ${allowed.join(", ")}`, show(bad.finishReason)) : pass();
  },
};
