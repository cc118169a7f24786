import type { CheckContext, CheckDefinition } from "./types.js";
import { fail, inconclusive, pass, show } from "./types.js";
import { documentOf } from "../judge.js";
import { choicesOf } from "./util.js";

/** Where the earliest of the stop strings starts in `text`, or -1. */
export function firstStop(text: string, stops: string[]): number {
  let first = -1;
  for (const s of stops) {
    const at = text.indexOf(s);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  return first;
}

export const stopSequenceTruncates: CheckDefinition = {
  name: "stopSequenceTruncates",
  description:
    "No choice's content (for a stream: concatenated) contains any of `stop`. With `referenceStep` (the same request without stop, deterministic: temperature 0 and a seed), each choice's content is the reference content cut immediately before the first occurrence of a stop string, with finish_reason `stop` — or equals the reference when no stop string occurs in it. With `allowRejection`, a 4xx response passes (for requests a server may reject). `finishReason: false` leaves the finish reason unjudged; `stopMayRemain: true` also accepts the cut content followed by one of the stop strings (for clauses about whether a stop string takes effect, not how it is cut).",
  args: {
    type: "object",
    required: ["stop"],
    additionalProperties: false,
    properties: {
      stop: { type: "array", items: { type: "string" }, minItems: 1 },
      referenceStep: { type: "string" },
      allowRejection: { type: "boolean" },
      finishReason: { type: "boolean" },
      stopMayRemain: { type: "boolean" },
    },
  },
  // That no stop string remains is judged on the response alone; where the cut falls needs the reference.
  comparative: "partly",
  run(args, ctx) {
    const stops = args.stop as string[];
    const status = ctx.response.status;
    if (status >= 400 && status < 500 && args.allowRejection === true) return pass();
    if (status !== 200) return fail(`status ${status}: no choices to judge`, "200", String(status));
    const mayRemain = args.stopMayRemain === true;
    const mine = choicesOf(ctx);
    if (mine.length === 0) return fail("the response has no choices");
    for (const c of mine) {
      const content = typeof c.content === "string" ? c.content : "";
      const at = firstStop(content, stops);
      const remainsAtEnd = at !== -1 && stops.some((s) => content.endsWith(s) && firstStop(content.slice(0, content.length - s.length), stops) === -1);
      if (at !== -1 && !(mayRemain && remainsAtEnd)) return fail(`choice ${c.index}: content contains a stop string at position ${at}`, "content cut before the stop string", show(content, 160));
    }
    if (args.referenceStep === undefined) return pass();
    if (ctx.notComparable !== undefined) return inconclusive(`where the content was cut: ${ctx.notComparable}`);
    const earlier = ctx.steps[String(args.referenceStep)];
    if (!earlier?.response) return fail(`no response of step ${String(args.referenceStep)}`);
    const refCtx: CheckContext = { ...ctx, request: earlier.request, response: earlier.response, document: documentOf(earlier.response) };
    const reference = choicesOf(refCtx);
    for (const c of mine) {
      const ref = reference.find((r) => r.index === c.index);
      if (!ref || typeof ref.content !== "string") return fail(`choice ${c.index}: no reference content in step ${String(args.referenceStep)}`);
      const content = typeof c.content === "string" ? c.content : "";
      const full = ref.content;
      const at = firstStop(full, stops);
      if (at === -1) {
        if (content !== full) return fail(`choice ${c.index}: no stop string occurs in the reference, so the content should equal it`, show(full, 120), show(content, 120));
        continue;
      }
      const expected = full.slice(0, at);
      const matched = stops.map((s) => expected + s);
      if (content !== expected && !(mayRemain && matched.includes(content))) return fail(`choice ${c.index}: content is not the reference cut before the first stop string`, show(expected, 120), show(content, 120));
      if (args.finishReason !== false && c.finishReason !== "stop") return fail(`choice ${c.index}: generation ended at a stop string but finish_reason is not "stop"`, '"stop"', show(c.finishReason));
    }
    return pass();
  },
};
