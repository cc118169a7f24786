import { isObj, onChoices, withChoice } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** An object without its null-valued members among `names`. */
const dropNull = <T extends Record<string, unknown>>(o: T, names: string[]): T => Object.fromEntries(Object.entries(o).filter(([k, v]) => !(names.includes(k) && v === null))) as T;

export const nullMembersOmitted: VariantDefinition = {
  name: "null-members-omitted",
  description: "members that may be absent or null are left out rather than sent as null: choice logprobs, chunk usage and logprobs, system_fingerprint",
  allowedBy: [
    { clause: "CHAT-026", quote: "When the request does not have `logprobs: true`, each choice's `logprobs` MUST be absent or `null`." },
    { clause: "STREAM-013", quote: "otherwise `logprobs` is absent or `null`", versions: ["1.0"] },
    { clause: "STREAM-013", quote: "the `logprobs` of every choice of every chunk MUST be absent or `null`", versions: ["1.1"] },
    { clause: "STREAM-014", quote: "All other chunks of that stream MUST have `usage` absent or `null`." },
  ],
  transformBody: onChoices((c) => dropNull(c, ["logprobs"])),
  transformChunks: (chunks) => chunks.map((c) => withChoice(dropNull(c, ["usage", "system_fingerprint"]), (ch) => dropNull(ch, ["logprobs"]))),
};
