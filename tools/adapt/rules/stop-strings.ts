import { StopScanner, truncateAtStop } from "../text/stop.js";
import { choicesOf, isObj, type Chunk, type RepairRule } from "../rule.js";

/**
 * The request's stop strings, applied again by the proxy (CHAT-017, STREAM-020): content ends right before
 * the first one, with finish_reason `stop`. In a stream, text that may be the start of a stop string is
 * held back until the next piece shows whether it is one, so a multi-token stop string never leaks.
 */
export const stopStrings: RepairRule = {
  keyword: "stop-strings",
  description: "cut content before the first stop string, also across streamed pieces",
  completion(c, _args, x) {
    if (x.request.stop.length === 0) return;
    for (const ch of choicesOf(c)) {
      if (!isObj(ch.message) || typeof ch.message.content !== "string") continue;
      const cut = truncateAtStop(ch.message.content, x.request.stop);
      if (!cut.stopped) continue;
      ch.message.content = cut.text;
      ch.finish_reason = "stop";
    }
  },
  stream: (_args, x) => {
    const stops = x.request.stop;
    if (stops.length === 0) return undefined;
    const scanners = new Map<unknown, StopScanner>();
    const scanner = (index: unknown) => {
      let s = scanners.get(index);
      if (!s) scanners.set(index, (s = new StopScanner(stops)));
      return s;
    };
    return {
      chunk(c, emit) {
        for (const ch of choicesOf(c)) {
          const s = scanner(ch.index);
          const d = isObj(ch.delta) ? ch.delta : (ch.delta = {});
          const wasStopped = s.stopped;
          const finishing = ch.finish_reason !== null && ch.finish_reason !== undefined;
          if (typeof d.content === "string" || finishing) {
            const text = s.push(typeof d.content === "string" ? d.content : "") + (finishing ? s.flush() : "");
            if (typeof d.content === "string" || text !== "") d.content = text;
          }
          // The choice ends at the stop string: its finish is `stop`, and whatever the upstream adds later is dropped.
          if (s.stopped && !wasStopped) ch.finish_reason = "stop";
          else if (wasStopped) {
            delete d.content;
            delete d.tool_calls;
          }
        }
        emit(c);
      },
      end(emit) {
        // A choice whose stream ended without a finish: what was held back was no stop string after all.
        const rest = [...scanners].map(([index, s]) => ({ index, text: s.flush() })).filter((r) => r.text !== "");
        if (rest.length > 0) emit({ choices: rest.map((r) => ({ index: r.index, delta: { content: r.text }, finish_reason: null })) } as Chunk);
      },
    };
  },
};
