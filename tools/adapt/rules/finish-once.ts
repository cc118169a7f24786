import { choicesOf, isObj, type Chunk, type RepairRule } from "../rule.js";

/**
 * Each choice gets exactly one non-null `finish_reason`, on its last chunk (STREAM-011): the first reason
 * the upstream sends is kept and sent on a chunk of its own at the end of the stream; repeats and the
 * upstream's reasons on content chunks are removed. A chunk left with nothing to say is dropped.
 */
export const finishOnce: RepairRule = {
  keyword: "finish-once",
  description: "send each choice's finish_reason once, on its last chunk",
  stream: () => {
    const reasons = new Map<unknown, unknown>();
    return {
      chunk(c, emit) {
        const choices = choicesOf(c);
        if (choices.length === 0) return emit(c);
        const kept = choices.filter((ch) => {
          if (ch.finish_reason !== null && ch.finish_reason !== undefined && !reasons.has(ch.index)) reasons.set(ch.index, ch.finish_reason);
          ch.finish_reason = null;
          return !(isObj(ch.delta) && Object.keys(ch.delta).length === 0 && (ch.logprobs === null || ch.logprobs === undefined));
        });
        if (kept.length === 0 && c.usage == null) return;
        c.choices = kept;
        emit(c);
      },
      end(emit) {
        if (reasons.size === 0) return;
        emit({ choices: [...reasons].map(([index, reason]) => ({ index, delta: {}, logprobs: null, finish_reason: reason })) } as Chunk);
      },
    };
  },
};
