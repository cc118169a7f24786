import { randomBytes } from "node:crypto";
import { choicesOf, isObj, type Obj, type RepairRule } from "../rule.js";

const freshId = () => `call_${randomBytes(12).toString("hex")}`;

/** Every tool call has a non-empty id, unique within the response (TOOL-009, TOOL-010): empty, missing and repeated ids are replaced. */
export const toolCallIds: RepairRule = {
  keyword: "tool-call-ids",
  description: "give each tool call a non-empty id that no other call of the response has",
  completion(c) {
    const seen = new Set<unknown>();
    for (const ch of choicesOf(c)) {
      const calls = isObj(ch.message) && Array.isArray(ch.message.tool_calls) ? ch.message.tool_calls : [];
      for (const call of calls) if (isObj(call)) unique(call, seen);
    }
  },
  stream: () => {
    const seen = new Set<unknown>();
    // First elements of a call (after tool-call-deltas) carry `type`; they are the ones that name the id.
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          const calls = isObj(ch.delta) && Array.isArray(ch.delta.tool_calls) ? ch.delta.tool_calls : [];
          for (const el of calls) if (isObj(el) && el.type !== undefined) unique(el, seen);
        }
        emit(c);
      },
    };
  },
};

function unique(call: Obj, seen: Set<unknown>): void {
  if (typeof call.id !== "string" || call.id === "" || seen.has(call.id)) call.id = freshId();
  seen.add(call.id);
  call.type = "function";
}
