import { choicesOf, isObj, type RepairRule } from "../rule.js";

const CUT = new Set(["length", "content_filter"]);

/**
 * A choice with tool calls finishes with `tool_calls` unless it was cut (TOOL-009, TOOL-021), and one
 * without finishes with something else (CHAT-019).
 */
export const toolCallsFinish: RepairRule = {
  keyword: "tool-calls-finish",
  description: "finish_reason tool_calls exactly when the choice carries tool calls",
  completion(c) {
    for (const ch of choicesOf(c)) {
      const calls = isObj(ch.message) && Array.isArray(ch.message.tool_calls) && ch.message.tool_calls.length > 0;
      ch.finish_reason = reason(ch.finish_reason, calls);
    }
  },
  stream: () => {
    const calling = new Set<unknown>();
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          if (isObj(ch.delta) && Array.isArray(ch.delta.tool_calls) && ch.delta.tool_calls.length > 0) calling.add(ch.index);
          if (ch.finish_reason !== null && ch.finish_reason !== undefined) ch.finish_reason = reason(ch.finish_reason, calling.has(ch.index));
        }
        emit(c);
      },
    };
  },
};

function reason(given: unknown, calls: boolean): unknown {
  if (CUT.has(given as string)) return given;
  if (calls) return "tool_calls";
  return given === "tool_calls" ? "stop" : given;
}
