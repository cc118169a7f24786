import { unsupportedParameter } from "../errors.js";
import type { RepairRule } from "../rule.js";

/**
 * LIS members the upstream accepts and ignores: refused by name instead (ERR-016), when present with a value
 * other than absent or null, which the proxy has already left out.
 */
export const refuseMembers: RepairRule<{ chat?: string[]; embeddings?: string[] }> = {
  keyword: "refuse-members",
  description: "refuse, with 400 unsupported_parameter, request members the upstream would silently ignore",
  args: { type: "object", properties: { chat: { type: "array", items: { type: "string" } }, embeddings: { type: "array", items: { type: "string" } } }, additionalProperties: false },
  chatRequest(body, args) {
    for (const m of args.chat ?? []) if (body[m] !== undefined && body[m] !== null) throw unsupportedParameter(m);
  },
  embeddingsRequest(body, args) {
    for (const m of args.embeddings ?? []) if (body[m] !== undefined && body[m] !== null) throw unsupportedParameter(m);
  },
};
