import type { RepairRule } from "../rule.js";

/** `object` of completions and chunks (CHAT-029, STREAM-007): servers have sent `text_completion` and left it out. */
export const objectType: RepairRule = {
  keyword: "object-type",
  description: "set object to chat.completion (completions) or chat.completion.chunk (chunks)",
  completion(c) {
    c.object = "chat.completion";
  },
  stream: () => ({
    chunk(c, emit) {
      c.object = "chat.completion.chunk";
      emit(c);
    },
  }),
};
