import { badGateway } from "../errors.js";
import { choicesOf, type Obj, type RepairRule } from "../rule.js";

const LIS_VALUES = new Set(["stop", "length", "tool_calls", "content_filter"]);
/** What servers send instead (CHAT-018's rationale): an end of sequence is `stop`, a token limit `length`. */
const DEFAULT_MAP: Record<string, string> = { eos: "stop", eos_token: "stop", end_turn: "stop", stop_sequence: "stop", max_tokens: "length", model_length: "length", function_call: "tool_calls", tool_call: "tool_calls" };
/** Reasons that say the generation failed: an error, not a finish (CHAT-018, STREAM-018). */
const FAILURES = new Set(["abort", "error", "cancelled"]);

/**
 * `finish_reason` takes the four LIS values only (CHAT-018). A reason that reports a failure (vLLM's
 * `abort`) turns the answer into a 502 error, or the stream into an error event, as the spec requires.
 */
export const finishReasonValues: RepairRule<{ map?: Record<string, string> }> = {
  keyword: "finish-reason-values",
  description: "map finish_reason values onto stop, length, tool_calls and content_filter",
  args: { type: "object", properties: { map: { type: "object", additionalProperties: { enum: [...LIS_VALUES] } } }, additionalProperties: false },
  completion(c, args) {
    for (const ch of choicesOf(c)) {
      // A complete non-streamed answer has ended; a missing reason is taken as a normal end.
      ch.finish_reason = ch.finish_reason === null || ch.finish_reason === undefined ? "stop" : mapped(ch, args.map);
    }
  },
  stream: (args) => ({
    chunk(c, emit) {
      for (const ch of choicesOf(c)) if (ch.finish_reason !== null && ch.finish_reason !== undefined) ch.finish_reason = mapped(ch, args.map);
      emit(c);
    },
  }),
};

function mapped(choice: Obj, map: Record<string, string> = {}): string {
  const v = String(choice.finish_reason);
  if (LIS_VALUES.has(v)) return v;
  const to = map[v] ?? DEFAULT_MAP[v] ?? DEFAULT_MAP[v.toLowerCase()];
  if (to) return to;
  if (FAILURES.has(v.toLowerCase())) throw badGateway(`the upstream ended the generation with finish_reason '${v.slice(0, 40)}'`);
  return "stop";
}
