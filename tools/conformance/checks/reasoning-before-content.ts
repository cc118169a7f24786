import type { CheckContext, CheckDefinition } from "./types.js";
import { fail, inconclusive, pass, show } from "./types.js";
import { chunksOf, isObject } from "./util.js";
import { reasoningByChoice } from "./reasoning-util.js";
import { documentOf } from "../judge.js";

export const reasoningBeforeContent: CheckDefinition = {
  name: "reasoningBeforeContent",
  description:
    "In a stream, every choice reasons in delta.reasoning_content string pieces, all of them before the choice's first non-empty delta.content; with `step`, the pieces of each choice concatenate to that earlier step's reasoning_content of the same choice (the same request, not streamed).",
  args: { type: "object", additionalProperties: false, properties: { step: { type: "string" } } },
  // The order of reasoning and content is judged on the stream alone; the comparison needs the other step.
  comparative: "partly",
  run(args, ctx) {
    const chunks = chunksOf(ctx);
    if (!chunks) return fail("the response is not a stream");
    const answered = new Set<number>();
    const reasoned = new Set<number>();
    for (const [n, chunk] of chunks.entries()) {
      for (const c of Array.isArray(chunk.choices) ? chunk.choices.filter(isObject) : []) {
        const delta = isObject(c.delta) ? c.delta : {};
        const index = c.index as number;
        const piece = delta.reasoning_content;
        if (piece !== undefined && piece !== null && typeof piece !== "string") return fail(`chunk ${n + 1}, choice ${index}: delta.reasoning_content is not a string`, "a string", show(piece));
        if (typeof piece === "string" && piece !== "") {
          if (answered.has(index)) return fail(`chunk ${n + 1}, choice ${index}: a reasoning piece after the choice's content began`, "every reasoning piece before the first content", show(piece, 80));
          reasoned.add(index);
        }
        if (typeof delta.content === "string" && delta.content !== "") answered.add(index);
      }
    }
    const streamed = reasoningByChoice(ctx);
    for (const index of streamed.keys()) if (!reasoned.has(index)) return fail(`choice ${index} streamed no reasoning`, "delta.reasoning_content pieces", "none");
    if (args.step === undefined) return pass();
    if (ctx.notComparable !== undefined) return inconclusive(`whether the pieces concatenate to step ${String(args.step)}'s reasoning: ${ctx.notComparable}`);
    const earlier = ctx.steps[String(args.step)];
    if (!earlier?.response) return fail(`no response of step ${String(args.step)}`);
    const whole = reasoningByChoice({ ...ctx, request: earlier.request, response: earlier.response, document: documentOf(earlier.response) } as CheckContext);
    for (const [index, text] of whole) {
      if (streamed.get(index) !== text) return fail(`choice ${index}: the reasoning pieces do not concatenate to step ${String(args.step)}'s reasoning_content`, show(text, 120), show(streamed.get(index), 120));
    }
    return pass();
  },
};
