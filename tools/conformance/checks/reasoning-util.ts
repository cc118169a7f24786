/** Reading reasoning (spec/1.1/reasoning.md) out of a chat completion, streamed or not, by choice index. */
import type { CheckContext } from "./types.js";
import { chunksOf, isObject } from "./util.js";

/** Per choice index: the reasoning_content (streamed: its string deltas concatenated; absent → undefined). */
export function reasoningByChoice(ctx: CheckContext): Map<number, string | undefined> {
  const out = new Map<number, string | undefined>();
  const chunks = chunksOf(ctx);
  if (chunks) {
    for (const chunk of chunks) {
      for (const c of Array.isArray(chunk.choices) ? chunk.choices.filter(isObject) : []) {
        if (typeof c.index !== "number") continue;
        const piece = isObject(c.delta) ? c.delta.reasoning_content : undefined;
        if (!out.has(c.index)) out.set(c.index, undefined);
        if (typeof piece === "string") out.set(c.index, (out.get(c.index) ?? "") + piece);
      }
    }
    return out;
  }
  const doc = isObject(ctx.document) ? ctx.document : {};
  (Array.isArray(doc.choices) ? doc.choices.filter(isObject) : []).forEach((c, i) => {
    const message = isObject(c.message) ? c.message : {};
    out.set(typeof c.index === "number" ? c.index : i, typeof message.reasoning_content === "string" ? message.reasoning_content : undefined);
  });
  return out;
}
