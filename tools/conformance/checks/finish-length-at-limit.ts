import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf, isObject, usageOf } from "./util.js";

export const finishLengthAtLimit: CheckDefinition = {
  name: "finishLengthAtLimit",
  description:
    "Each choice that reached the token limit `max` has finish_reason length (for a stream: the one its finishing chunk carries). A choice that finished with stop before the limit is not judged: one with no content and no tool calls (the model ended at once), or, in a response with one choice, one whose usage counts fewer than `max` completion tokens.",
  args: { type: "object", required: ["max"], additionalProperties: false, properties: { max: { type: "integer", minimum: 1 } } },
  run(args, ctx) {
    const max = args.max as number;
    const choices = choicesOf(ctx);
    if (choices.length === 0) return fail("no choices");
    const usage = usageOf(ctx);
    const used = choices.length === 1 && isObject(usage) && Number.isInteger(usage.completion_tokens) ? (usage.completion_tokens as number) : undefined;
    let judged = 0;
    for (const c of choices) {
      if (c.finishReason === "length") {
        judged++;
        continue;
      }
      const empty = (c.content === "" || c.content === null || c.content === undefined) && c.toolCalls.length === 0;
      const endedBefore = c.finishReason === "stop" && (empty || (used !== undefined && used < max));
      if (endedBefore) continue;
      return fail(`choice ${c.index} reached the limit of ${max} token(s) but finished with ${show(c.finishReason)}`, "length", show(c.finishReason));
    }
    return judged > 0 ? pass() : vacuous("every choice ended by itself before the token limit (finish_reason stop)");
  },
};
