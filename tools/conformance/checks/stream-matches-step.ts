import type { CheckDefinition, CheckContext } from "./types.js";
import { fail, pass, show } from "./types.js";
import { choicesOf } from "./util.js";
import { documentOf } from "../judge.js";

export const streamMatchesStep: CheckDefinition = {
  name: "streamMatchesStep",
  description: "Each choice has the same content and finish_reason (and tool calls' names and arguments) as in an earlier step; either step may be streamed or not.",
  args: { type: "object", required: ["step"], additionalProperties: false, properties: { step: { type: "string" }, compare: { type: "array", items: { enum: ["content", "finishReason", "toolCalls"] } } } },
  comparative: "whole",
  run(args, ctx) {
    const earlier = ctx.steps[String(args.step)];
    if (!earlier?.response) return fail(`no response of step ${args.step}`);
    const otherCtx: CheckContext = { ...ctx, request: earlier.request, response: earlier.response, document: documentOf(earlier.response) };
    const mine = choicesOf(ctx);
    const theirs = choicesOf(otherCtx);
    if (mine.length !== theirs.length) return fail(`${mine.length} choices here, ${theirs.length} in step ${args.step}`);
    const compare = (args.compare as string[] | undefined) ?? ["content", "finishReason"];
    for (const [i, a] of mine.entries()) {
      const b = theirs[i];
      if (compare.includes("content") && (a.content ?? "") !== (b.content ?? "")) return fail(`choice ${a.index}: content differs from step ${args.step}`, show(b.content, 120), show(a.content, 120));
      if (compare.includes("finishReason") && a.finishReason !== b.finishReason) return fail(`choice ${a.index}: finish_reason differs from step ${args.step}`, show(b.finishReason), show(a.finishReason));
      const calls = (c: typeof a) => c.toolCalls.map((t) => [t.name, t.arguments]);
      if (compare.includes("toolCalls") && JSON.stringify(calls(a)) !== JSON.stringify(calls(b))) return fail(`choice ${a.index}: tool calls differ from step ${args.step}`, show(calls(b), 120), show(calls(a), 120));
    }
    return pass();
  },
};
