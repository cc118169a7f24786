import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf, isObject, usageOf } from "./util.js";

export const partialAnswerKept: CheckDefinition = {
  name: "partialAnswerKept",
  description:
    "A choice cut by the token limit keeps what it generated: its content is not empty, unless the response's usage (one choice) shows that no answer token was generated — every completion token went to reasoning (completion_tokens_details.reasoning_tokens) — in which case there is nothing to judge.",
  run(_args, ctx) {
    const choices = choicesOf(ctx);
    if (choices.length === 0) return fail("no choices");
    const usage = usageOf(ctx);
    const details = isObject(usage) && isObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
    const used = isObject(usage) && typeof usage.completion_tokens === "number" ? usage.completion_tokens : undefined;
    const reasoning = typeof details.reasoning_tokens === "number" ? details.reasoning_tokens : 0;
    const noAnswerTokens = choices.length === 1 && used !== undefined && used - reasoning <= 0;
    let judged = 0;
    for (const c of choices) {
      if (typeof c.content === "string" && c.content !== "") {
        judged++;
        continue;
      }
      if (noAnswerTokens) continue;
      return fail(`choice ${c.index}: the cut answer has no content although answer tokens were generated`, "the text generated so far", show(c.content));
    }
    return judged > 0 ? pass() : vacuous("every completion token went to reasoning: no answer text to keep");
  },
};
