import { perChoice, choiceOf, type Json } from "../hooks/helpers.js";
import type { Chunk } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

/** The one tool-call element of a delta (which may also carry the role), or undefined. */
const callOf = (c: Chunk): Json | undefined => {
  const d = choiceOf(c).delta;
  return d && Array.isArray(d.tool_calls) && d.tool_calls.length === 1 && choiceOf(c).finish_reason == null ? d.tool_calls[0] : undefined;
};
/** The element of a delta that carries nothing but one tool-call fragment. */
const onlyCall = (c: Chunk): Json | undefined => (Object.keys(choiceOf(c).delta ?? {}).length === 1 ? callOf(c) : undefined);

export const toolCallFragments: VariantDefinition = {
  name: "tool-call-fragments",
  description: "the delta that opens a streamed tool call already carries the first argument fragment, and every later fragment repeats \"type\": \"function\"",
  allowedBy: [{ clause: "TOOL-019", quote: "later elements for that index MUST NOT carry `id` or `function.name`: they carry `function.arguments` fragments (and may repeat `type`)" }],
  transformChunks: perChoice((chunks) => {
    const out: Chunk[] = [];
    for (const c of chunks) {
      const call = onlyCall(c);
      const prev = out.length > 0 ? callOf(out[out.length - 1]) : undefined;
      if (call && call.id === undefined && prev && prev.id !== undefined && prev.index === call.index && prev.function.arguments === "") {
        // The first fragment joins its opening element.
        const opened = { ...prev, function: { ...prev.function, arguments: call.function?.arguments ?? "" } };
        const last = out[out.length - 1];
        out[out.length - 1] = { ...last, choices: [{ ...choiceOf(last), delta: { ...choiceOf(last).delta, tool_calls: [opened] } }] };
        continue;
      }
      out.push(call && call.id === undefined ? { ...c, choices: [{ ...choiceOf(c), delta: { tool_calls: [{ ...call, type: "function" }] } }] } : c);
    }
    return out;
  }),
};
