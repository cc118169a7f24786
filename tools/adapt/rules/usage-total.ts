import { isObj, type Obj, type RepairRule } from "../rule.js";

/** `total_tokens` is `prompt_tokens + completion_tokens` (CHAT-034): servers have added cached or reasoning tokens again. */
export const usageTotal: RepairRule = {
  keyword: "usage-total",
  description: "set usage.total_tokens to prompt_tokens + completion_tokens",
  completion(c) {
    fix(c);
  },
  stream: () => ({
    chunk(c, emit) {
      fix(c);
      emit(c);
    },
  }),
};

function fix(o: Obj): void {
  const u = o.usage;
  if (isObj(u) && Number.isInteger(u.prompt_tokens) && Number.isInteger(u.completion_tokens)) u.total_tokens = (u.prompt_tokens as number) + (u.completion_tokens as number);
}
