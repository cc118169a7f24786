import { perChoice, choiceOf, isObj, type Json } from "../hooks/helpers.js";
import type { Chunk } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

const chars = (s: string) => [...s]; // by code point: a piece never splits a character

/** One chunk per character of each text piece and argument fragment; pieces with log-probabilities stay whole (an entry belongs to one chunk). */
function split(c: Chunk): Chunk[] {
  const ch = choiceOf(c);
  const d = ch.delta;
  if (!isObj(d) || ch.finish_reason != null || ch.logprobs != null) return [c];
  const keys = Object.keys(d);
  const piece = (delta: Json) => ({ ...c, choices: [{ ...ch, delta }] });
  if (keys.length === 1 && (keys[0] === "content" || keys[0] === "reasoning_content") && typeof d[keys[0]] === "string" && d[keys[0]].length > 1) return chars(d[keys[0]]).map((x) => piece({ [keys[0]]: x }));
  const call = keys.length === 1 && Array.isArray(d.tool_calls) && d.tool_calls.length === 1 ? (d.tool_calls[0] as Json) : undefined;
  if (call && call.id === undefined && typeof call.function?.arguments === "string" && call.function.arguments.length > 1) {
    return chars(call.function.arguments).map((x) => piece({ tool_calls: [{ ...call, function: { ...call.function, arguments: x } }] }));
  }
  return [c];
}

export const fineChunks: VariantDefinition = {
  name: "fine-chunks",
  description: "streamed text and tool-call arguments arrive one character per delta, with an empty delta ({\"content\": \"\"}) after the first chunk",
  allowedBy: [
    { clause: "STREAM-010", quote: "the concatenation, in stream order, of the `content` strings of one choice is that choice's complete message content" },
    { clause: "TOOL-020", quote: "the concatenation in stream order of its `function.arguments` fragments MUST be the complete `arguments` string" },
    { clause: "STREAM-008", quote: "each element with an `index` between 0 and `n`−1, a `delta` object and a `finish_reason` that is `null` or one of the values of CHAT-018" },
  ],
  transformChunks: perChoice((chunks) => {
    const out = chunks.flatMap(split);
    if (out.length < 2) return out;
    const empty: Chunk = { ...out[0], choices: [{ index: choiceOf(out[0]).index, delta: { content: "" }, logprobs: null, finish_reason: null }] };
    return [out[0], empty, ...out.slice(1)];
  }),
};
