import { perChoice, choiceOf, withChoice, isObj } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** A delta with nothing but the role (and an empty or null content). */
const roleOnly = (delta: unknown) => isObj(delta) && delta.role === "assistant" && Object.keys(delta).every((k) => k === "role" || (k === "content" && (delta.content === "" || delta.content === null)));

export const roleInFirstPiece: VariantDefinition = {
  name: "role-in-first-piece",
  description: "no role-only chunk: the role rides on the first delta that carries content, reasoning or tool calls (or on the finishing chunk of an empty answer)",
  allowedBy: [{ clause: "STREAM-009", quote: "For each choice, the first chunk that carries that choice MUST have `delta.role` equal to `\"assistant\"`" }],
  transformChunks: perChoice((chunks) => {
    if (chunks.length < 2 || !roleOnly(choiceOf(chunks[0]).delta)) return chunks;
    const [, next, ...rest] = chunks;
    return [withChoice(next, (ch) => ({ ...ch, delta: { role: "assistant", ...ch.delta } })), ...rest];
  }),
};
