import { perChoice, choiceOf, isObj, type Json } from "../hooks/helpers.js";
import type { Chunk } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

/** How many consecutive text pieces one chunk carries. */
const GROUP = 4;

/** The one member a plain text delta carries ("content" or "reasoning_content"), or undefined. */
function textMember(c: Chunk): string | undefined {
  const ch = choiceOf(c);
  if (ch.finish_reason != null || !isObj(ch.delta)) return undefined;
  const keys = Object.keys(ch.delta);
  return keys.length === 1 && (keys[0] === "content" || keys[0] === "reasoning_content") && typeof ch.delta[keys[0]] === "string" ? keys[0] : undefined;
}

function merge(a: Chunk, b: Chunk, member: string): Chunk {
  const x = choiceOf(a);
  const y = choiceOf(b);
  const logprobs = isObj(x.logprobs) && isObj(y.logprobs) ? { ...x.logprobs, content: [...(x.logprobs.content ?? []), ...(y.logprobs.content ?? [])] } : x.logprobs;
  return { ...a, choices: [{ ...x, delta: { [member]: x.delta[member] + y.delta[member] }, logprobs }] };
}

/** Tool-call fragments folded into the element that opens their call: each call arrives whole. */
function wholeToolCalls(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  const opening = new Map<number, { chunk: number; element: Json }>();
  for (const c of chunks) {
    const calls = choiceOf(c).delta?.tool_calls;
    const only = Array.isArray(calls) && calls.length === 1 && Object.keys(choiceOf(c).delta).length === 1 && choiceOf(c).finish_reason == null ? (calls[0] as Json) : undefined;
    const open = only && only.id === undefined ? opening.get(only.index) : undefined;
    if (open) {
      open.element.function = { ...open.element.function, arguments: open.element.function.arguments + (only!.function?.arguments ?? "") };
      continue;
    }
    if (Array.isArray(calls)) {
      const copy: Json[] = calls.map((e: Json) => ({ ...e, function: { ...e.function } }));
      for (const e of copy) if (e.id !== undefined) opening.set(e.index, { chunk: out.length, element: e });
      out.push({ ...c, choices: [{ ...choiceOf(c), delta: { ...choiceOf(c).delta, tool_calls: copy } }] });
    } else out.push(c);
  }
  return out;
}

export const coarseChunks: VariantDefinition = {
  name: "coarse-chunks",
  description: `streamed text arrives ${GROUP} tokens per delta (with their log-probabilities together), and each tool call arrives whole in its opening delta`,
  allowedBy: [
    { clause: "STREAM-010", quote: "the concatenation, in stream order, of the `content` strings of one choice is that choice's complete message content" },
    { clause: "STREAM-013", quote: "each chunk that carries content for a choice MUST carry `logprobs.content` entries for exactly the tokens of that content" },
    { clause: "TOOL-020", quote: "the concatenation in stream order of its `function.arguments` fragments MUST be the complete `arguments` string" },
  ],
  transformChunks: perChoice((chunks) => {
    const out: Chunk[] = [];
    let run = 0;
    for (const c of wholeToolCalls(chunks)) {
      const member = textMember(c);
      const last = out[out.length - 1];
      if (member && last && run > 0 && run < GROUP && textMember(last) === member) {
        out[out.length - 1] = merge(last, c, member);
        run++;
      } else {
        out.push(c);
        run = member ? 1 : 0;
      }
    }
    return out;
  }),
};
