import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { chunksOf, isObject, type Json } from "./util.js";

/** Every delta.tool_calls element of a stream, in stream order, with its choice and chunk number. */
export function toolCallDeltas(chunks: Json[]): { chunk: number; choice: unknown; element: unknown }[] {
  const out: { chunk: number; choice: unknown; element: unknown }[] = [];
  chunks.forEach((chunk, n) => {
    for (const c of Array.isArray(chunk.choices) ? chunk.choices.filter(isObject) : []) {
      const delta = isObject(c.delta) ? c.delta : {};
      if (delta.tool_calls === undefined || delta.tool_calls === null) continue;
      const elements = Array.isArray(delta.tool_calls) ? delta.tool_calls : [delta.tool_calls];
      for (const element of elements) out.push({ chunk: n + 1, choice: c.index, element });
    }
  });
  return out;
}

export const toolCallDeltaFields: CheckDefinition = {
  name: "toolCallDeltaFields",
  description:
    "In a stream, every delta.tool_calls element carries an integer `index`; the first element for an index (per choice) carries a non-empty `id`, `type` \"function\" and `function.name`; later elements for that index carry neither `id` nor `function.name` (only argument fragments; `type` may repeat). With `requireCall`, at least one element exists.",
  args: { type: "object", additionalProperties: false, properties: { requireCall: { type: "boolean" } } },
  run(args, ctx) {
    const chunks = chunksOf(ctx);
    if (!chunks) return fail("the response is not a stream");
    const deltas = toolCallDeltas(chunks);
    if (args.requireCall === true && deltas.length === 0) return fail("no delta.tool_calls in the stream", "at least one tool call", "none");
    if (deltas.length === 0) return vacuous("the stream has no delta.tool_calls");
    const seen = new Set<string>();
    for (const { chunk, choice, element } of deltas) {
      const where = `chunk ${chunk}, choice ${String(choice)}`;
      if (!isObject(element)) return fail(`${where}: a tool_calls element is not an object`, "an object", show(element));
      if (!Number.isInteger(element.index)) return fail(`${where}: a tool_calls element has no integer index`, "an integer index", show(element.index));
      const key = `${String(choice)}/${String(element.index)}`;
      const fn = isObject(element.function) ? element.function : {};
      if (!seen.has(key)) {
        seen.add(key);
        if (typeof element.id !== "string" || element.id === "") return fail(`${where}: the first element of tool call ${String(element.index)} has no id`, "a non-empty id", show(element.id));
        if (element.type !== "function") return fail(`${where}: the first element of tool call ${String(element.index)} has no type "function"`, '"function"', show(element.type));
        if (typeof fn.name !== "string" || fn.name === "") return fail(`${where}: the first element of tool call ${String(element.index)} has no function.name`, "the function name", show(fn.name));
      } else {
        if (element.id !== undefined) return fail(`${where}: a later element of tool call ${String(element.index)} repeats id`, "no id", show(element.id));
        if (fn.name !== undefined) return fail(`${where}: a later element of tool call ${String(element.index)} repeats function.name`, "no function.name", show(fn.name));
      }
    }
    return pass();
  },
};
