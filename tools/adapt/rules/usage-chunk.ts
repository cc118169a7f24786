import { isObj, type Chunk, type RepairRule } from "../rule.js";

/**
 * Usage in a stream goes where STREAM-014 puts it: one chunk with empty `choices`, just before `[DONE]`,
 * and only when the request has `stream_options.include_usage: true`; every other chunk carries none
 * (STREAM-015). llama.cpp attaches it to the finishing chunk of every stream.
 */
export const usageChunk: RepairRule = {
  keyword: "usage-chunk",
  description: "move usage into one chunk with empty choices before [DONE], only when asked for",
  stream: (_args, x) => {
    let usage: unknown;
    return {
      chunk(c, emit) {
        if (isObj(c.usage)) usage = c.usage;
        const onlyUsage = c.usage != null && Array.isArray(c.choices) && c.choices.length === 0;
        delete c.usage;
        if (!onlyUsage) emit(c);
      },
      end(emit) {
        if (x.request.includeUsage && usage !== undefined) emit({ choices: [], usage } as Chunk);
      },
    };
  },
};
