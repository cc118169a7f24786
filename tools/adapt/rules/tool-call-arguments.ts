import { choicesOf, isObj, type Obj, type RepairRule } from "../rule.js";

/** `function.arguments` is a JSON string (TOOL-012): Ollama-style objects are serialised, a missing value is `{}`. */
export const toolCallArguments: RepairRule = {
  keyword: "tool-call-arguments",
  description: "send tool-call arguments as a JSON string",
  completion(c) {
    for (const ch of choicesOf(c)) {
      const calls = isObj(ch.message) && Array.isArray(ch.message.tool_calls) ? ch.message.tool_calls : [];
      for (const call of calls) if (isObj(call) && isObj(call.function)) call.function.arguments = asString(call.function, "{}");
    }
  },
  stream: () => ({
    chunk(c, emit) {
      for (const ch of choicesOf(c)) {
        const calls = isObj(ch.delta) && Array.isArray(ch.delta.tool_calls) ? ch.delta.tool_calls : [];
        for (const call of calls) if (isObj(call) && isObj(call.function) && call.function.arguments !== undefined) call.function.arguments = asString(call.function, "");
      }
      emit(c);
    },
  }),
};

function asString(fn: Obj, missing: string): string {
  const a = fn.arguments;
  if (typeof a === "string") return a;
  return a === undefined || a === null ? missing : JSON.stringify(a);
}
