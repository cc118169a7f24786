import { choicesOf, isObj, type RepairRule } from "../rule.js";

/** The first chunk of each choice carries `delta.role: "assistant"` (STREAM-009); llama.cpp of 2025-02 leaves it out. */
export const roleFirst: RepairRule = {
  keyword: "role-first",
  description: "put role: assistant into the first delta of each choice",
  stream: () => {
    const seen = new Set<unknown>();
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          if (seen.has(ch.index)) continue;
          seen.add(ch.index);
          ch.delta = { role: "assistant", ...(isObj(ch.delta) ? ch.delta : {}) };
          (ch.delta as Record<string, unknown>).role = "assistant";
        }
        emit(c);
      },
    };
  },
};
