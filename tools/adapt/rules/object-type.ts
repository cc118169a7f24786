import { firstChunkOnly, type RepairRule } from "../rule.js";

/** `object` of completions and chunks (CHAT-029, STREAM-007): servers have sent `text_completion` and left it out. */
export const objectType: RepairRule = {
  keyword: "object-type",
  description: "set object to chat.completion (completions) or chat.completion.chunk (chunks)",
  completion(c) {
    c.object = "chat.completion";
  },
  // In a stream only the first chunk needs it: stream-identity gives every chunk the first one's.
  stream: () => firstChunkOnly((c) => (c.object = "chat.completion.chunk")),
};
