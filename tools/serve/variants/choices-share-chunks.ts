import { chunksByChoice } from "../hooks/helpers.js";
import type { Chunk } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

export const choicesShareChunks: VariantDefinition = {
  name: "choices-share-chunks",
  description: "with n > 1, one chunk carries the next delta of every unfinished choice (choices: [c0, c1, …]) instead of one choice per chunk",
  allowedBy: [{ clause: "STREAM-008", quote: "Every chunk other than the usage chunk MUST carry a non-empty `choices` array, each element with an `index` between 0 and `n`−1, a `delta` object and a `finish_reason` that is `null` or one of the values of CHAT-018; no chunk carries two elements with the same `index`." }],
  transformChunks: (chunks) => {
    const { choices, rest } = chunksByChoice(chunks);
    if (choices.size < 2) return chunks;
    const lists = [...choices.entries()].sort(([a], [b]) => a - b).map(([, l]) => l);
    const merged: Chunk[] = [];
    for (let k = 0; lists.some((l) => k < l.length); k++) {
      const row = lists.filter((l) => k < l.length).map((l) => l[k]);
      merged.push({ ...row[0], choices: row.map((c) => c.choices[0]) });
    }
    return [...merged, ...rest];
  },
};
