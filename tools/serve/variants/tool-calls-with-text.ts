import { isObj, onChoices, perChoice, choiceOf } from "../hooks/helpers.js";
import type { ReplyContext } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

const TEXT = "Let me look that up.";

/**
 * Plain-text answers without log-probabilities: under response_format the content is the JSON text alone
 * (STRUCT-008), and with logprobs every character of content needs its token entry (CHAT-023).
 */
const applies = (ctx: ReplyContext) => {
  const format = ctx.request?.response_format;
  return (format == null || (isObj(format) && format.type === "text")) && ctx.request?.logprobs !== true;
};

export const toolCallsWithText: VariantDefinition = {
  name: "tool-calls-with-text",
  description: `a message that calls tools also says something ("${TEXT}"), in the same delta as the role when streamed`,
  allowedBy: [{ clause: "TOOL-015", quote: "A message that carries `tool_calls` MAY also carry text `content`" }],
  transformBody: onChoices((c, ctx) =>
    applies(ctx) && isObj(c.message) && Array.isArray(c.message.tool_calls) && c.message.tool_calls.length > 0 && !c.message.content ? { ...c, message: { ...c.message, content: TEXT } } : c,
  ),
  transformChunks: (chunks, ctx) =>
    applies(ctx)
      ? perChoice((list) => {
          const first = choiceOf(list[0]);
          if (!isObj(first.delta) || !Array.isArray(first.delta.tool_calls) || first.delta.content) return list;
          return [{ ...list[0], choices: [{ ...first, delta: { ...first.delta, content: TEXT } }] }, ...list.slice(1)];
        })(chunks, ctx)
      : chunks,
};
