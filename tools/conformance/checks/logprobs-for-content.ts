import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { isObject } from "./util.js";

export const logprobsForContent: CheckDefinition = {
  name: "logprobsForContent",
  description:
    "Each choice of a completion carries logprobs.content entries when its content is non-empty, and none when it is empty: one entry per generated token of the content, so an empty answer has no entries. Nothing to judge when every content is empty.",
  run(_args, ctx) {
    const doc = isObject(ctx.document) ? ctx.document : {};
    const choices = Array.isArray(doc.choices) ? doc.choices.filter(isObject) : [];
    if (choices.length === 0) return fail("the response has no choices");
    let judged = 0;
    for (const c of choices) {
      const content = isObject(c.message) && typeof c.message.content === "string" ? c.message.content : "";
      const entries = isObject(c.logprobs) && Array.isArray(c.logprobs.content) ? c.logprobs.content : undefined;
      if (!entries) return fail(`choice ${String(c.index)}: no logprobs.content array`, "an array of entries", show(c.logprobs));
      if (content === "" && entries.length === 0) continue;
      judged++;
      if (content !== "" && entries.length === 0) return fail(`choice ${String(c.index)}: content without log-probability entries`, "one entry per generated token", "[]");
      if (content === "" && entries.length > 0) return fail(`choice ${String(c.index)}: entries for an empty content`, "no entries", show(entries, 120));
    }
    return judged > 0 ? pass() : vacuous("every choice's content is empty: no token to report");
  },
};
