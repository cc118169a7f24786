import { choicesOf, type RepairRule } from "../rule.js";

/** Without `logprobs: true`, choices carry `logprobs: null` (CHAT-026, STREAM-013). */
export const logprobsWhenAsked: RepairRule = {
  keyword: "logprobs-when-asked",
  description: "set logprobs to null unless the request asked for them",
  completion(c, _args, x) {
    if (!x.request.logprobs) for (const ch of choicesOf(c)) ch.logprobs = null;
  },
  stream: (_args, x) => ({
    chunk(c, emit) {
      if (!x.request.logprobs) for (const ch of choicesOf(c)) if (ch.logprobs !== undefined) ch.logprobs = null;
      emit(c);
    },
  }),
};
