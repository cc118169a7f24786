import { choicesOf, isObj, type Obj, type RepairRule } from "../rule.js";

interface Call {
  id?: unknown;
  index: number;
}

/**
 * Streamed tool calls in the form TOOL-019 and TOOL-020 fix: each element carries `index`, the call's
 * position, counted from 0 without gaps; only the first element of a call carries `id`, `type` and
 * `function.name`, later ones carry argument fragments. Repairs a missing index (ollama#7881), index 0 for
 * every call (ollama#15457), and `id`/`name` repeated on every fragment.
 */
export const toolCallDeltas: RepairRule = {
  keyword: "tool-call-deltas",
  description: "renumber streamed tool calls and keep id and name on their first element only",
  stream: () => {
    const perChoice = new Map<unknown, { byUpstream: Map<unknown, Call>; ids: Map<unknown, Call>; last?: Call; next: number }>();
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          const d = ch.delta;
          if (!isObj(d) || !Array.isArray(d.tool_calls)) continue;
          let s = perChoice.get(ch.index);
          if (!s) perChoice.set(ch.index, (s = { byUpstream: new Map(), ids: new Map(), next: 0 }));
          for (const el of d.tool_calls) {
            if (!isObj(el)) continue;
            const fn = isObj(el.function) ? el.function : undefined;
            const given = el.index;
            let call = given !== undefined ? s.byUpstream.get(given) : undefined;
            // The same upstream index with another id is a new call (every call sent as index 0).
            if (call && el.id !== undefined && el.id !== call.id) call = undefined;
            if (!call && given === undefined) call = el.id !== undefined ? s.ids.get(el.id) : fn?.name === undefined ? s.last : undefined;
            const first = !call;
            if (!call) {
              call = { id: el.id, index: s.next++ };
              if (el.id !== undefined) s.ids.set(el.id, call);
            }
            if (given !== undefined) s.byUpstream.set(given, call);
            s.last = call;
            el.index = call.index;
            if (first) el.type = "function";
            else stripRepeats(el, fn);
          }
        }
        emit(c);
      },
    };
  },
};

/** A later element carries argument fragments only: `type` goes too, so that only first elements have it (tool-call-ids relies on that). */
function stripRepeats(el: Obj, fn: Obj | undefined): void {
  delete el.id;
  delete el.type;
  if (fn) delete fn.name;
}
