/** Faults of spec/1.0/streaming.md: each rewrites the chunks, the events or the headers of a stream. */
import { finishingChunk, isContentChunk, isObj, requestOn, withChoice } from "../hooks/helpers.js";
import type { Chunk, FaultDefinition } from "./types.js";

const isStream = (headers: Record<string, string>) => headers["Content-Type"]?.startsWith("text/event-stream") ?? false;

export const streamingFaults: FaultDefinition[] = [
  {
    clause: "STREAM-001",
    description: "streams are labelled `application/json` instead of `text/event-stream`",
    transformHeaders: (headers) => (isStream(headers) ? { ...headers, "Content-Type": "application/json" } : headers),
  },
  {
    clause: "STREAM-002",
    description: "chunk events carry an `event: chunk` field",
    transformFrames: (frames) => frames.map((f) => (f === "data: [DONE]\n\n" ? f : `event: chunk\n${f}`)),
  },
  {
    clause: "STREAM-003",
    description: "streams end without `data: [DONE]`",
    transformFrames: (frames) => frames.filter((f) => f !== "data: [DONE]\n\n"),
  },
  {
    clause: "STREAM-007",
    description: "every chunk of a stream has a different `id`",
    transformChunks: (chunks) => chunks.map((c, i) => ({ ...c, id: `${c.id}-${i}` })),
  },
  {
    clause: "STREAM-008",
    description: "the first chunk carries the same choice index twice",
    transformChunks: (chunks) =>
      chunks.map((c, i) => (i === 0 && c.choices.length > 0 ? { ...c, choices: [...c.choices, { index: c.choices[0].index, delta: {}, logprobs: null, finish_reason: null }] } : c)),
  },
  {
    clause: "STREAM-009",
    description: "deltas never carry `role` (the first delta of a choice has no role)",
    transformChunks: (chunks) => chunks.map((c) => withChoice(c, (ch) => (isObj(ch.delta) ? { ...ch, delta: (({ role: _, ...d }) => d)(ch.delta) } : ch))),
  },
  {
    clause: "STREAM-010",
    description: "content deltas are objects (`{\"text\": \"...\"}`) instead of strings",
    transformChunks: (chunks) =>
      chunks.map((c) => (isContentChunk(c) ? withChoice(c, (ch) => ({ ...ch, delta: { ...ch.delta, content: { text: ch.delta.content } } })) : c)),
  },
  {
    clause: "STREAM-011",
    description: "the finish_reason of each choice is sent twice: on its last content chunk and on the finishing chunk",
    transformChunks: (chunks) => {
      const out = [...chunks];
      const indices = new Set(chunks.flatMap((c) => c.choices.map((ch) => ch.index as number)));
      for (const index of indices) {
        const fin = finishingChunk(out, index);
        if (fin <= 0) continue;
        const reason = out[fin].choices.find((ch) => ch.index === index)!.finish_reason;
        let prev = fin - 1;
        while (prev >= 0 && !out[prev].choices.some((ch) => ch.index === index)) prev--;
        if (prev >= 0) out[prev] = withChoice(out[prev], (ch) => (ch.index === index ? { ...ch, finish_reason: reason } : ch));
      }
      return out;
    },
  },
  {
    clause: "STREAM-013",
    description: "streamed chunks carry no log-probabilities although `logprobs: true` was requested",
    transformChunks: (chunks) => chunks.map((c) => withChoice(c, (ch) => ({ ...ch, logprobs: null }))),
  },
  {
    clause: "STREAM-020",
    description: "a streamed choice stopped by a stop string sends the stop string as a last content delta",
    transformChunks: (chunks, ctx) => {
      const stop = ctx.request?.stop;
      const first = typeof stop === "string" ? stop : Array.isArray(stop) && typeof stop[0] === "string" ? stop[0] : undefined;
      if (first === undefined) return chunks;
      return chunks.flatMap((c) => {
        const fin = c.choices.find((ch) => ch.finish_reason === "stop");
        return fin ? [{ ...c, choices: [{ index: fin.index, delta: { content: first }, logprobs: null, finish_reason: null }] }, c] : [c];
      });
    },
  },
  {
    clause: "STREAM-014",
    description: "usage is attached to the finishing chunk of the last choice (llama.cpp style) instead of a separate chunk with empty choices",
    transformChunks: (chunks) => {
      const usageAt = chunks.findIndex((c) => c.choices.length === 0 && isObj(c.usage));
      if (usageAt === -1) return chunks;
      const usage = chunks[usageAt].usage;
      const rest = chunks.filter((_, i) => i !== usageAt);
      rest[rest.length - 1] = { ...rest[rest.length - 1], usage };
      return rest;
    },
  },
  {
    clause: "STREAM-016",
    description: "`stream_options` without `stream: true` is accepted (and ignored)",
    transformRequest: requestOn("chat", (body) => (body.stream !== true && body.stream_options != null ? (({ stream_options: _, ...rest }) => rest)(body) : body)),
  },
  {
    clause: "STREAM-017",
    description: "a rejected streaming request is answered 200 with an error event instead of an error status",
    flags: ["stream-errors-as-events"],
  },
];
