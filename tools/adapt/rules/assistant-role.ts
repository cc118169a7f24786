import { choicesOf, isObj, type RepairRule } from "../rule.js";

/** Messages and deltas speak as `assistant` (CHAT-033, STREAM-009): servers have sent `model`, `""` and null. */
export const assistantRole: RepairRule = {
  keyword: "assistant-role",
  description: "set role to assistant in response messages, and in deltas that carry a role",
  completion(c) {
    for (const ch of choicesOf(c)) if (isObj(ch.message)) ch.message.role = "assistant";
  },
  stream: () => ({
    chunk(c, emit) {
      for (const ch of choicesOf(c)) if (isObj(ch.delta) && ch.delta.role !== undefined) ch.delta.role = "assistant";
      emit(c);
    },
  }),
};
