import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject, usageOf } from "./util.js";

export const usageArithmetic: CheckDefinition = {
  name: "usageArithmetic",
  description: "usage.total_tokens equals prompt_tokens + completion_tokens (completion_tokens taken as 0 when `embeddings: true`), all non-negative integers. For a stream, the last usage sent.",
  args: { type: "object", additionalProperties: false, properties: { embeddings: { type: "boolean" } } },
  run(args, ctx) {
    const usage = usageOf(ctx);
    if (!isObject(usage)) return fail("no usage object", "a usage object", show(usage));
    const names = args.embeddings ? ["prompt_tokens", "total_tokens"] : ["prompt_tokens", "completion_tokens", "total_tokens"];
    const bad = names.filter((n) => !Number.isInteger(usage[n]) || (usage[n] as number) < 0);
    if (bad.length > 0) return fail(`not non-negative integers: ${bad.join(", ")}`, "non-negative integers", show(usage));
    const completion = args.embeddings ? 0 : (usage.completion_tokens as number);
    const want = (usage.prompt_tokens as number) + completion;
    if (usage.total_tokens !== want) return fail("total_tokens is not prompt_tokens + completion_tokens", `total_tokens ${want}`, show(usage));
    return pass();
  },
};
