import { perChoice, choiceOf, withChoice } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const finishWithLastPiece: VariantDefinition = {
  name: "finish-with-last-piece",
  description: "the last content (or tool-call) delta of a streamed choice and its finish_reason travel in one chunk, with no empty finishing delta",
  allowedBy: [{ clause: "STREAM-011", quote: "for each choice exactly one chunk MUST carry a non-null `finish_reason`; that chunk MUST be the last chunk that carries the choice" }],
  transformChunks: perChoice((chunks) => {
    if (chunks.length < 2) return chunks;
    const fin = choiceOf(chunks[chunks.length - 1]);
    const prev = chunks[chunks.length - 2];
    if (fin.finish_reason == null || Object.keys(fin.delta ?? {}).length > 0 || choiceOf(prev).finish_reason != null) return chunks;
    return [...chunks.slice(0, -2), withChoice(prev, (ch) => ({ ...ch, finish_reason: fin.finish_reason }))];
  }),
};
