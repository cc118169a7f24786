import { FenceStripper, stripFence } from "../text/fences.js";
import { choicesOf, isObj, type RepairRule } from "../rule.js";

/** JSON output without a Markdown code fence around it (STRUCT-008, STRUCT-010), when response_format asks for JSON. */
export const jsonFences: RepairRule = {
  keyword: "json-fences",
  description: "remove a Markdown code fence around JSON output",
  completion(c, _args, x) {
    if (x.request.responseFormat.type === "text") return;
    for (const ch of choicesOf(c)) if (isObj(ch.message) && typeof ch.message.content === "string") ch.message.content = stripFence(ch.message.content);
  },
  stream: (_args, x) => {
    if (x.request.responseFormat.type === "text") return undefined;
    const strippers = new Map<unknown, FenceStripper>();
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          const d = isObj(ch.delta) ? ch.delta : undefined;
          const finishing = ch.finish_reason !== null && ch.finish_reason !== undefined;
          if (typeof d?.content !== "string" && !finishing) continue;
          let s = strippers.get(ch.index);
          if (!s) strippers.set(ch.index, (s = new FenceStripper()));
          const text = s.push(typeof d?.content === "string" ? d.content : "") + (finishing ? s.flush() : "");
          if (typeof d?.content === "string" || text !== "") (ch.delta = { ...(d ?? {}) } as Record<string, unknown>).content = text;
        }
        emit(c);
      },
      end(emit) {
        const rest = [...strippers].map(([index, s]) => ({ index, text: s.flush() })).filter((r) => r.text !== "");
        if (rest.length > 0) emit({ choices: rest.map((r) => ({ index: r.index, delta: { content: r.text }, finish_reason: null })) });
      },
    };
  },
};
