import { isObj, onChoices, withChoice } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const absentAsNull: VariantDefinition = {
  name: "absent-as-null",
  description: "optional members that may be absent or null are sent as null: message refusal and reasoning_content, chunk usage, completion_tokens_details without reasoning",
  allowedBy: [
    { clause: "STREAM-014", quote: "All other chunks of that stream MUST have `usage` absent or `null`." },
    { clause: "STREAM-015", quote: "every chunk SHOULD have `usage` absent or `null`" },
    { clause: "CHAT-036", quote: "The response MAY carry members that this specification does not define" },
    { clause: "REASON-002", quote: "A choice for which the model did not reason has `reasoning_content` absent or `null`." },
    { clause: "REASON-004", quote: "`completion_tokens_details` may be absent or `null`" },
  ],
  transformBody: (body, ctx) => {
    const out = onChoices((c) => (isObj(c.message) ? { ...c, message: { refusal: null, reasoning_content: null, ...c.message }, logprobs: c.logprobs ?? null } : c))(body, ctx);
    return isObj(out) && ctx.endpoint === "chat" && isObj(out.usage) ? { ...out, usage: { completion_tokens_details: null, ...out.usage } } : out;
  },
  transformChunks: (chunks) =>
    chunks.map((c) => ({
      ...withChoice(c, (ch) => (isObj(ch.delta) && ch.delta.role !== undefined ? { ...ch, delta: { reasoning_content: null, ...ch.delta } } : ch)),
      usage: isObj(c.usage) ? { completion_tokens_details: null, ...c.usage } : null,
    })),
};
