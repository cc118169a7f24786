import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf, isObject } from "./util.js";
import { logprobEntries } from "./logprobs-sorted-descending.js";

export const chosenTokenIsTop: CheckDefinition = {
  name: "chosenTokenIsTop",
  description:
    "For greedy decoding: at every position the chosen token is the most likely entry of its top_logprobs (the first one when the list is sorted, CHAT-024), or ties with it (logprobs within `tolerance`, default 1e-3). The most likely entry is found by logprob, so that a list in the wrong order fails CHAT-024 alone. Positions without top_logprobs are not judged; with `requireEntries`, at least one position must be judged unless the answer is empty (nothing chosen, nothing to judge).",
  args: { type: "object", additionalProperties: false, properties: { tolerance: { type: "number", minimum: 0 }, requireEntries: { type: "boolean" } } },
  run(args, ctx) {
    const tolerance = (args.tolerance as number | undefined) ?? 1e-3;
    let judged = 0;
    for (const { where, entry } of logprobEntries(ctx)) {
      const top = Array.isArray(entry.top_logprobs) ? entry.top_logprobs.filter(isObject) : [];
      if (top.length === 0) continue;
      judged++;
      const best = top.reduce((a, b) => (typeof b.logprob === "number" && (typeof a.logprob !== "number" || b.logprob > a.logprob) ? b : a));
      if (entry.token === best.token) continue;
      if (typeof entry.logprob === "number" && typeof best.logprob === "number" && Math.abs(entry.logprob - best.logprob) <= tolerance) continue;
      return fail(`${where}: chose ${show(entry.token)} (logprob ${String(entry.logprob)}) over the top entry ${show(best.token)} (logprob ${String(best.logprob)})`, `the top entry ${show(best.token)}`, show(entry.token));
    }
    if (args.requireEntries === true && judged === 0) {
      // An empty answer chose no token: nothing to judge (an answer with text but no entries fails).
      if (choicesOf(ctx).every((c) => c.content === "" || c.content === null)) return vacuous("the answer is empty: no token was chosen");
      return fail("no token has top_logprobs to compare with", "top_logprobs entries", "none");
    }
    return pass();
  },
};
