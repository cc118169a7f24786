import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject, requestBody, usageOf } from "./util.js";

export const completionTokensWithinMax: CheckDefinition = {
  name: "completionTokensWithinMax",
  description: "usage.completion_tokens is at most the token limit times n (limit: `max`, else the request's max_completion_tokens or max_tokens; n: the request's n, default 1).",
  args: { type: "object", additionalProperties: false, properties: { max: { type: "integer", minimum: 0 } } },
  run(args, ctx) {
    const body = requestBody(ctx);
    const max = (args.max as number | undefined) ?? (body.max_completion_tokens as number | undefined) ?? (body.max_tokens as number | undefined);
    if (typeof max !== "number") return fail("no token limit: give args.max or send max_tokens");
    const n = typeof body.n === "number" ? body.n : 1;
    const usage = usageOf(ctx);
    if (!isObject(usage) || typeof usage.completion_tokens !== "number") return fail("no usage.completion_tokens", "a number", show(usage));
    if (usage.completion_tokens > max * n) return fail(`completion_tokens exceeds the limit ${max}${n > 1 ? ` × n=${n}` : ""}`, `≤ ${max * n}`, String(usage.completion_tokens));
    return pass();
  },
};
