import type { RepairRule } from "../rule.js";

/**
 * Members outside LIS that the upstream implements (llama.cpp's top_k, min_p, grammar, …): relayed as the
 * vendor extensions ERR-015 allows a server to honour, instead of being refused as unknown.
 */
export const vendorMembers: RepairRule<{ chat?: string[]; embeddings?: string[] }> = {
  keyword: "vendor-members",
  description: "relay the upstream's own request members instead of refusing them as unknown",
  args: { type: "object", properties: { chat: { type: "array", items: { type: "string" } }, embeddings: { type: "array", items: { type: "string" } } }, additionalProperties: false },
  honours: (args) => args,
};
