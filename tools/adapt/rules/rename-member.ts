import type { RepairRule } from "../rule.js";

/** A request member the upstream knows under another name (llama.cpp honours max_tokens, not max_completion_tokens). */
export const renameMember: RepairRule<{ from: string; to: string }> = {
  keyword: "rename-member",
  description: "send a top-level request member under another name",
  args: { type: "object", required: ["from", "to"], properties: { from: { type: "string" }, to: { type: "string" } }, additionalProperties: false },
  chatRequest(body, { from, to }) {
    if (body[from] === undefined) return;
    body[to] = body[from];
    delete body[from];
  },
};
