import { splitThink, ThinkSplitter } from "../text/think.js";
import { choicesOf, isObj, type Chunk, type Obj, type RepairRule } from "../rule.js";

/**
 * Reasoning markup leaves `content` (CHAT-043, REASON-003): a leading `<think>…</think>` block becomes
 * `reasoning_content` (1.1, REASON-002, REASON-007), unless the upstream already sent the reasoning there,
 * in which case the copy in `content` is dropped. An empty block is simply removed.
 */
export const reasoningMarkup: RepairRule = {
  keyword: "reasoning-markup",
  description: "move a leading <think>…</think> block out of content into reasoning_content",
  completion(c) {
    for (const ch of choicesOf(c)) {
      const m = ch.message;
      if (!isObj(m) || typeof m.content !== "string") continue;
      const split = splitThink(m.content);
      if (split.reasoning === undefined) continue;
      m.content = split.content;
      if (split.reasoning !== "" && !hasText(m.reasoning_content)) m.reasoning_content = split.reasoning;
    }
  },
  stream: () => {
    const splitters = new Map<unknown, ThinkSplitter>();
    const upstreamReasons = new Set<unknown>();
    const apply = (ch: Obj, out: { reasoning: string; content: string }, hadContent: boolean) => {
      const d = isObj(ch.delta) ? ch.delta : (ch.delta = {});
      if (hadContent || out.content !== "") d.content = out.content;
      if (out.reasoning !== "" && !upstreamReasons.has(ch.index)) d.reasoning_content = (typeof d.reasoning_content === "string" ? d.reasoning_content : "") + out.reasoning;
    };
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          const d = isObj(ch.delta) ? ch.delta : undefined;
          if (d && hasText(d.reasoning_content)) upstreamReasons.add(ch.index);
          let s = splitters.get(ch.index);
          if (!s) splitters.set(ch.index, (s = new ThinkSplitter()));
          const hadContent = typeof d?.content === "string";
          const finishing = ch.finish_reason !== null && ch.finish_reason !== undefined;
          if (!hadContent && !finishing) continue;
          const out = s.push(hadContent ? (d!.content as string) : "");
          if (finishing) {
            const rest = s.flush();
            out.reasoning += rest.reasoning;
            out.content += rest.content;
          }
          apply(ch, out, hadContent);
        }
        emit(c);
      },
      end(emit) {
        const choices: Obj[] = [];
        for (const [index, s] of splitters) {
          const rest = s.flush();
          if (rest.content === "" && rest.reasoning === "") continue;
          const ch: Obj = { index, delta: {}, finish_reason: null };
          apply(ch, rest, false);
          choices.push(ch);
        }
        if (choices.length > 0) emit({ choices } as Chunk);
      },
    };
  },
};

const hasText = (v: unknown) => typeof v === "string" && v !== "";
