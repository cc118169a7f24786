import { isObj, type RepairRule } from "../rule.js";

/** A role the upstream's chat template does not know, sent as the role the spec equates it with (CHAT-004: developer is system). */
export const renameRole: RepairRule<{ from: string; to: string }> = {
  keyword: "rename-role",
  description: "send messages of one role as another",
  args: { type: "object", required: ["from", "to"], properties: { from: { type: "string" }, to: { type: "string" } }, additionalProperties: false },
  chatRequest(body, { from, to }) {
    if (!Array.isArray(body.messages)) return;
    body.messages = body.messages.map((m) => (isObj(m) && m.role === from ? { ...m, role: to } : m));
  },
};
