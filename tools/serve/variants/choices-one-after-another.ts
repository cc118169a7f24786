import { chunksByChoice } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const choicesOneAfterAnother: VariantDefinition = {
  name: "choices-one-after-another",
  description: "with n > 1, choice 0 is streamed to its end, then choice 1, and so on, instead of interleaved",
  allowedBy: [{ clause: "STREAM-011", quote: "Every choice index from 0 to `n`−1 MUST appear in the stream, and for each choice exactly one chunk MUST carry a non-null `finish_reason`; that chunk MUST be the last chunk that carries the choice." }],
  transformChunks: (chunks) => {
    const { choices, rest } = chunksByChoice(chunks);
    return [...[...choices.entries()].sort(([a], [b]) => a - b).flatMap(([, l]) => l), ...rest];
  },
};
