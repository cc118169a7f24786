import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject, usageOf } from "./util.js";
import { reasoningByChoice } from "./reasoning-util.js";

export const reasoningTokensWhenReasoned: CheckDefinition = {
  name: "reasoningTokensWhenReasoned",
  description:
    "usage.completion_tokens_details.reasoning_tokens is a positive integer when some choice has a non-empty reasoning_content (streamed: its pieces), and absent, null or 0 when none has; for a stream, the last usage sent.",
  run(_args, ctx) {
    const usage = usageOf(ctx);
    if (!isObject(usage)) return fail("no usage object", "a usage object", show(usage));
    const details = usage.completion_tokens_details;
    const tokens = isObject(details) ? details.reasoning_tokens : undefined;
    const reasoned = [...reasoningByChoice(ctx).values()].some((r) => typeof r === "string" && r !== "");
    if (reasoned) {
      if (!Number.isInteger(tokens) || (tokens as number) <= 0) return fail("a choice reasoned, but reasoning_tokens is not a positive integer", "reasoning_tokens > 0", show(details));
    } else if (tokens !== undefined && tokens !== null && tokens !== 0) {
      return fail("no choice reasoned, but reasoning_tokens is set", "absent, null or 0", show(tokens));
    }
    return pass();
  },
};
