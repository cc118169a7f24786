import { choicesOf, isObj, type RepairRule } from "../rule.js";

/**
 * `content` is text (CHAT-033, STREAM-010): an array of text parts or a `{text}` object becomes its text; a
 * message with neither content nor tool calls gets `""`.
 */
export const contentText: RepairRule = {
  keyword: "content-text",
  description: "make content a string (null only beside tool calls)",
  completion(c) {
    for (const ch of choicesOf(c)) {
      const m = ch.message;
      if (!isObj(m)) continue;
      const text = asText(m.content);
      const calls = Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
      m.content = text ?? (calls ? null : "");
    }
  },
  stream: () => ({
    chunk(c, emit) {
      for (const ch of choicesOf(c)) {
        const d = ch.delta;
        if (!isObj(d) || d.content === undefined || d.content === null || typeof d.content === "string") continue;
        d.content = asText(d.content) ?? "";
      }
      emit(c);
    },
  }),
};

function asText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((p) => (isObj(p) && typeof p.text === "string" ? p.text : "")).join("");
  if (isObj(v) && typeof v.text === "string") return v.text;
  return undefined;
}
