import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { chunksOf, isObject } from "./util.js";

/** Every logprobs.content entry of every choice (stream chunks included), with where it came from. */
export function logprobEntries(ctx: Parameters<CheckDefinition["run"]>[1]): { where: string; entry: Record<string, unknown> }[] {
  const out: { where: string; entry: Record<string, unknown> }[] = [];
  const sources = chunksOf(ctx) ?? [ctx.document];
  sources.forEach((src, s) => {
    if (!isObject(src) || !Array.isArray(src.choices)) return;
    for (const c of src.choices.filter(isObject)) {
      const content = isObject(c.logprobs) && Array.isArray(c.logprobs.content) ? c.logprobs.content : [];
      content.filter(isObject).forEach((entry, t) => out.push({ where: `${chunksOf(ctx) ? `chunk ${s + 1}, ` : ""}choice ${String(c.index)}, token ${t}`, entry }));
    }
  });
  return out;
}

export const logprobsSortedDescending: CheckDefinition = {
  name: "logprobsSortedDescending",
  description: "Each token's top_logprobs are sorted by logprob in non-increasing order, with no token repeated.",
  run(_args, ctx) {
    for (const { where, entry } of logprobEntries(ctx)) {
      const top = Array.isArray(entry.top_logprobs) ? entry.top_logprobs.filter(isObject) : [];
      for (let i = 1; i < top.length; i++) {
        if (!(typeof top[i].logprob === "number" && typeof top[i - 1].logprob === "number" && (top[i].logprob as number) <= (top[i - 1].logprob as number))) {
          return fail(`${where}: top_logprobs not in non-increasing order at ${i}`, "non-increasing logprob", show(top.map((t) => t.logprob)));
        }
      }
      const tokens = top.map((t) => t.token);
      const dup = tokens.find((t, i) => tokens.indexOf(t) !== i);
      if (dup !== undefined) return fail(`${where}: token ${show(dup)} repeated in top_logprobs`, "distinct tokens", show(tokens));
    }
    return pass();
  },
};
