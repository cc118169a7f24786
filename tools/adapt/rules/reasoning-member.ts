import { choicesOf, isObj, type Obj, type RepairRule } from "../rule.js";

/**
 * Reasoning sent under another name moves to `reasoning_content` (REASON-002, REASON-007): OpenRouter's and
 * Ollama's `reasoning`, the name newer vLLM versions use too.
 */
export const reasoningMember: RepairRule<{ from: string[] }> = {
  keyword: "reasoning-member",
  description: "move reasoning sent under another member name into reasoning_content",
  args: { type: "object", required: ["from"], properties: { from: { type: "array", items: { type: "string" } } }, additionalProperties: false },
  completion(c, args) {
    for (const ch of choicesOf(c)) if (isObj(ch.message)) rename(ch.message, args.from);
  },
  stream: (args) => ({
    chunk(c, emit) {
      for (const ch of choicesOf(c)) if (isObj(ch.delta)) rename(ch.delta, args.from);
      emit(c);
    },
  }),
};

function rename(m: Obj, from: string[]): void {
  for (const name of from) {
    const v = m[name];
    if (v === undefined) continue;
    delete m[name];
    if (typeof v === "string" && v !== "" && !(typeof m.reasoning_content === "string" && m.reasoning_content !== "")) m.reasoning_content = v;
  }
}
