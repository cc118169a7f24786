import { choicesOf, type Obj, type RepairRule } from "../rule.js";

/** No chunk carries the same choice index twice (STREAM-008): such a chunk is split into consecutive ones. */
export const oneIndexPerChunk: RepairRule = {
  keyword: "one-index-per-chunk",
  description: "split a chunk that carries a choice index twice",
  stream: () => ({
    chunk(c, emit) {
      const choices = choicesOf(c);
      const indices = new Set(choices.map((ch) => ch.index));
      if (indices.size === choices.length) return emit(c);
      let part: Obj[] = [];
      const seen = new Set<unknown>();
      for (const ch of choices) {
        if (seen.has(ch.index)) {
          emit({ ...c, choices: part });
          part = [];
          seen.clear();
        }
        seen.add(ch.index);
        part.push(ch);
      }
      emit({ ...c, choices: part });
    },
  }),
};
