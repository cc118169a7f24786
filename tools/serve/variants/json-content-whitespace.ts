import { isObj, onChoices, perChoice, choiceOf } from "../hooks/helpers.js";
import type { Chunk, ReplyContext } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

/** Structured output without log-probabilities: with them, an added character would have no token entry (CHAT-027). */
const applies = (ctx: ReplyContext) => {
  const format = ctx.request?.response_format;
  return isObj(format) && (format.type === "json_object" || format.type === "json_schema") && ctx.request?.logprobs !== true;
};
/** The model writes a newline before the JSON text (so a cut answer starts with it too) and a space and newline after it. */
const LEAD = "\n";
const TRAIL = " \n";

const isText = (c: Chunk) => typeof choiceOf(c).delta?.content === "string" && choiceOf(c).delta.content !== "";

export const jsonContentWhitespace: VariantDefinition = {
  name: "json-content-whitespace",
  description: "structured output has whitespace around the JSON text: a newline before it (in cut answers too, since it comes first) and a space and newline after a complete one",
  allowedBy: [{ clause: "STRUCT-006", quote: "MUST be a single JSON text (RFC 8259; whitespace around it allowed)" }],
  transformBody: onChoices((c, ctx) => {
    if (!applies(ctx) || !isObj(c.message) || typeof c.message.content !== "string" || c.message.content === "") return c;
    return { ...c, message: { ...c.message, content: `${LEAD}${c.message.content}${c.finish_reason === "stop" ? TRAIL : ""}` } };
  }),
  transformChunks: (chunks, ctx) =>
    applies(ctx)
      ? perChoice((list: Chunk[]) => {
          const first = list.findIndex(isText);
          if (first === -1) return list;
          const last = list[list.length - 1];
          const piece = (text: string): Chunk => ({ ...list[first], choices: [{ index: choiceOf(last).index, delta: { content: text }, logprobs: null, finish_reason: null }] });
          const tail = choiceOf(last).finish_reason === "stop" ? [piece(TRAIL), last] : [last];
          return [...list.slice(0, first), piece(LEAD), ...list.slice(first, -1), ...tail];
        })(chunks, ctx)
      : chunks,
};
