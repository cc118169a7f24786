import type { RepairRule } from "../rule.js";

/**
 * Members the spec lets a server ignore for a model that cannot use them (REASON-013: `reasoning_effort`
 * for a model that does not reason) are not relayed, so an upstream that would misread them never sees them.
 */
export const dropMembers: RepairRule<{ chat: string[] }> = {
  keyword: "drop-members",
  description: "leave request members out of the upstream request",
  args: { type: "object", required: ["chat"], properties: { chat: { type: "array", items: { type: "string" } } }, additionalProperties: false },
  chatRequest(body, args) {
    for (const m of args.chat) delete body[m];
  },
};
