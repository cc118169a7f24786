import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject } from "./util.js";
import { logprobEntries } from "./logprobs-sorted-descending.js";

export const logprobsSumAtMostOne: CheckDefinition = {
  name: "logprobsSumAtMostOne",
  description: "For each token, the sum of exp(logprob) over its top_logprobs is at most 1 (+ tolerance, default 1e-3), and a chosen token absent from its top_logprobs is not more likely than the least likely of them.",
  args: { type: "object", additionalProperties: false, properties: { tolerance: { type: "number", minimum: 0 } } },
  run(args, ctx) {
    const tolerance = (args.tolerance as number | undefined) ?? 1e-3;
    for (const { where, entry } of logprobEntries(ctx)) {
      const top = Array.isArray(entry.top_logprobs) ? entry.top_logprobs.filter(isObject) : [];
      const logprobs = top.map((t) => t.logprob).filter((l): l is number => typeof l === "number");
      const sum = logprobs.reduce((s, l) => s + Math.exp(l), 0);
      if (sum > 1 + tolerance) return fail(`${where}: probabilities of top_logprobs sum to ${sum.toFixed(4)}`, `≤ 1 + ${tolerance}`, show(logprobs));
      if (top.length > 0 && !top.some((t) => t.token === entry.token) && typeof entry.logprob === "number" && entry.logprob > Math.min(...logprobs)) {
        return fail(`${where}: chosen token ${show(entry.token)} is missing from top_logprobs but more likely than its least likely entry`, `logprob ≤ ${Math.min(...logprobs)}`, String(entry.logprob));
      }
    }
    return pass();
  },
};
