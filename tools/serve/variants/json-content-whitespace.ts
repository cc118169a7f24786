import { isObj, onChoices, perChoice, choiceOf } from "../hooks/helpers.js";
import type { Chunk, ReplyContext } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

/** Structured output without log-probabilities: with them, an added character would have no token entry (CHAT-027). */
const applies = (ctx: ReplyContext) => {
  const format = ctx.request?.response_format;
  return isObj(format) && (format.type === "json_object" || format.type === "json_schema") && ctx.request?.logprobs !== true;
};
const LEAD = "\n";
const TRAIL = " \n";

export const jsonContentWhitespace: VariantDefinition = {
  name: "json-content-whitespace",
  description: "structured output that ends with stop has whitespace around the JSON text (a newline before, a space and newline after)",
  allowedBy: [{ clause: "STRUCT-006", quote: "MUST be a single JSON text (RFC 8259; whitespace around it allowed)" }],
  transformBody: onChoices((c, ctx) =>
    applies(ctx) && c.finish_reason === "stop" && isObj(c.message) && typeof c.message.content === "string" && c.message.content !== "" ? { ...c, message: { ...c.message, content: `${LEAD}${c.message.content}${TRAIL}` } } : c,
  ),
  transformChunks: (chunks, ctx) =>
    applies(ctx)
      ? perChoice((list: Chunk[]) => {
          const texts = list.map((c) => choiceOf(c).delta?.content).filter((t) => typeof t === "string" && t !== "");
          const last = list[list.length - 1];
          if (texts.length === 0 || choiceOf(last).finish_reason !== "stop") return list;
          const first = list.findIndex((c) => typeof choiceOf(c).delta?.content === "string" && choiceOf(c).delta.content !== "");
          const piece = (text: string): Chunk => ({ ...list[first], choices: [{ index: choiceOf(last).index, delta: { content: text }, logprobs: null, finish_reason: null }] });
          return [...list.slice(0, first), piece(LEAD), ...list.slice(first, -1), piece(TRAIL), last];
        })(chunks, ctx)
      : chunks,
};
