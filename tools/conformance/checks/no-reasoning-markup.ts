import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { choicesOf } from "./util.js";

/** The delimiters reasoning models write around their reasoning (DeepSeek-R1, Qwen3, QwQ). */
const MARKUP = /<\/?think>/;

export const noReasoningMarkup: CheckDefinition = {
  name: "noReasoningMarkup",
  description: "No choice's content contains <think> or </think> (for a stream: its content deltas concatenated, so a tag split over two deltas counts).",
  run(_args, ctx) {
    const choices = choicesOf(ctx);
    if (choices.length === 0) return fail("the response has no choices");
    for (const c of choices) {
      if (typeof c.content !== "string") continue;
      const m = MARKUP.exec(c.content);
      if (m) return fail(`choice ${c.index}: content contains ${m[0]}`, "no <think> or </think>", show(c.content.slice(Math.max(0, m.index - 20), m.index + 60)));
    }
    return pass();
  },
};
