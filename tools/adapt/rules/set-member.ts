import type { RepairRule } from "../rule.js";

/** A vendor member set on every upstream request (llama.cpp: `cache_prompt: false`, so that a cached prompt cannot change the answer). */
export const setMember: RepairRule<{ member: string; value: unknown }> = {
  keyword: "set-member",
  description: "set a member on every upstream chat request",
  args: { type: "object", required: ["member", "value"], properties: { member: { type: "string" }, value: {} }, additionalProperties: false },
  chatRequest(body, { member, value }) {
    body[member] = structuredClone(value);
  },
};
