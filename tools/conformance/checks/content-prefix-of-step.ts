import type { CheckContext, CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { documentOf } from "../judge.js";
import { choicesOf } from "./util.js";

export const contentPrefixOfStep: CheckDefinition = {
  name: "contentPrefixOfStep",
  description:
    "Each choice's content (for a stream: concatenated) is a prefix of the same choice's content in an earlier step — the same deterministic request with a larger token limit — so a cut answer is the text generated so far, not repaired, completed or dropped.",
  args: { type: "object", required: ["step"], additionalProperties: false, properties: { step: { type: "string" } } },
  comparative: "whole",
  run(args, ctx) {
    const earlier = ctx.steps[String(args.step)];
    if (!earlier?.response) return fail(`no response of step ${String(args.step)}`);
    const longer = choicesOf({ ...ctx, request: earlier.request, response: earlier.response, document: documentOf(earlier.response) } as CheckContext);
    const mine = choicesOf(ctx);
    if (mine.length === 0) return fail("the response has no choices");
    for (const c of mine) {
      const full = longer.find((l) => l.index === c.index)?.content;
      if (typeof full !== "string") return fail(`choice ${c.index}: no content in step ${String(args.step)} to compare with`);
      const content = typeof c.content === "string" ? c.content : "";
      if (!full.startsWith(content)) return fail(`choice ${c.index}: content is not a prefix of the longer answer (altered, repaired or completed)`, `a prefix of ${show(full, 100)}`, show(content, 100));
    }
    return pass();
  },
};
