import { choicesOf, isObj, type RepairRule } from "../rule.js";

/** With `parallel_tool_calls: false`, a choice carries one tool call, the first (TOOL-008). */
export const oneToolCall: RepairRule = {
  keyword: "one-tool-call",
  description: "keep only the first tool call of a choice when the request has parallel_tool_calls: false",
  completion(c, _args, x) {
    if (x.request.parallelToolCalls) return;
    for (const ch of choicesOf(c)) if (isObj(ch.message) && Array.isArray(ch.message.tool_calls)) ch.message.tool_calls = ch.message.tool_calls.slice(0, 1);
  },
  stream: (_args, x) =>
    x.request.parallelToolCalls
      ? undefined
      : {
          // Indices are the calls' positions (tool-call-deltas runs before): every index but 0 is dropped.
          chunk(c, emit) {
            for (const ch of choicesOf(c)) {
              if (!isObj(ch.delta) || !Array.isArray(ch.delta.tool_calls)) continue;
              const kept = ch.delta.tool_calls.filter((el) => isObj(el) && el.index === 0);
              if (kept.length > 0) ch.delta.tool_calls = kept;
              else delete ch.delta.tool_calls;
            }
            emit(c);
          },
        },
};
