import { isObj, onChoices } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const emptyToolCalls: VariantDefinition = {
  name: "empty-tool-calls",
  description: "messages without tool calls carry \"tool_calls\": [] (vLLM)",
  allowedBy: [
    { clause: "CHAT-019", quote: "A choice MUST NOT have `finish_reason` `\"tool_calls\"` unless its message carries a non-empty `tool_calls` array." },
    { clause: "CHAT-036", quote: "The response MAY carry members that this specification does not define" },
  ],
  transformBody: onChoices((c) => (isObj(c.message) && c.message.tool_calls === undefined ? { ...c, message: { ...c.message, tool_calls: [] } } : c)),
};
