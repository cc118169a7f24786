import { perChoice, choiceOf, withChoice, isObj } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const roleDeltaContentNull: VariantDefinition = {
  name: "role-delta-content-null",
  description: "the first delta of each streamed choice is {\"role\": \"assistant\", \"content\": null} (llama.cpp) instead of content \"\"",
  allowedBy: [{ clause: "STREAM-010", quote: "`delta.content`, when present, MUST be a string or `null`" }],
  transformChunks: perChoice((chunks) =>
    chunks.map((c, i) => (i === 0 && isObj(choiceOf(c).delta) && choiceOf(c).delta.content === "" ? withChoice(c, (ch) => ({ ...ch, delta: { ...ch.delta, content: null } })) : c)),
  ),
};
