import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf } from "./util.js";

/** Finish reasons under which a forced call need not have been made (TOOL-007). */
const EXEMPT = new Set(["length", "content_filter"]);

export const forcedToolCalls: CheckDefinition = {
  name: "forcedToolCalls",
  description:
    "Under a forcing tool_choice, every choice whose finish_reason is not `length` or `content_filter` carries at least one tool call; with `name`, every call names that function. A choice cut by the token limit or a filter is exempt, so when every choice was cut there is nothing to judge.",
  args: { type: "object", additionalProperties: false, properties: { name: { type: "string", minLength: 1 } } },
  run(args, ctx) {
    const judged = choicesOf(ctx).filter((c) => !EXEMPT.has(String(c.finishReason)));
    if (judged.length === 0) return vacuous("every choice was cut (length or content_filter): a cut call cannot be judged");
    for (const c of judged) {
      if (c.toolCalls.length === 0) return fail(`choice ${c.index} ended with ${show(c.finishReason)} without a tool call`, "at least one tool call", show(c.content, 100));
      const other = args.name === undefined ? undefined : c.toolCalls.find((t) => t.name !== args.name);
      if (other) return fail(`choice ${c.index} calls ${show(other.name)}, not the named function`, show(args.name), show(other.name));
    }
    return pass();
  },
};
