import { isObj, withChoice } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const roleOnEveryDelta: VariantDefinition = {
  name: "role-on-every-delta",
  description: "every delta of a streamed choice repeats \"role\": \"assistant\", not only the first",
  allowedBy: [{ clause: "STREAM-009", quote: "later deltas of that choice MUST either omit `role` or carry `\"assistant\"`" }],
  transformChunks: (chunks) => chunks.map((c) => withChoice(c, (ch) => (isObj(ch.delta) ? { ...ch, delta: { role: "assistant", ...ch.delta } } : ch))),
};
