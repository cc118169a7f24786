import { isObj, type RepairRule } from "../rule.js";

/**
 * Assistant messages of the history are relayed with the members a request defines only: what a client
 * echoes from an earlier response (refusal, annotations, audio, reasoning_content, …) is dropped, which
 * CHAT-037 allows; earlier reasoning is thereby not fed back to the model (REASON-009, REASON-010).
 */
export const historyMembers: RepairRule<{ keep?: string[] }> = {
  keyword: "history-members",
  description: "relay assistant messages of the history with only role, content, name and tool_calls",
  args: { type: "object", properties: { keep: { type: "array", items: { type: "string" } } }, additionalProperties: false },
  chatRequest(body, args) {
    const keep = new Set(args.keep ?? ["role", "content", "name", "tool_calls"]);
    if (!Array.isArray(body.messages)) return;
    for (const m of body.messages) {
      if (!isObj(m) || m.role !== "assistant") continue;
      for (const k of Object.keys(m)) if (!keep.has(k)) delete m[k];
    }
  },
};
