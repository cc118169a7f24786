import { builtinModel } from "../model/index.js";
import { isObj, requestOn } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** A text answer: no response_format other than text, no tool to call, no reasoning asked for. */
const plainText = (body: Record<string, unknown>) =>
  (body.response_format == null || (isObj(body.response_format) && body.response_format.type === "text")) && (body.tools == null || body.tool_choice === "none") && body.reasoning_effort == null;

export const immediateStop: VariantDefinition = {
  name: "immediate-stop",
  description: "the model ends every plain-text answer at once: content \"\", finish_reason stop, no completion tokens (its first token is end-of-sequence)",
  allowedBy: [
    { clause: "CHAT-018", quote: "the model ended its turn (end-of-sequence token) or hit a stop string" },
    { clause: "CHAT-033", quote: "Each choice's `message` MUST have `role` `\"assistant\"` and a `content` that is a string" },
  ],
  // The end-of-sequence token is made certain through logit_bias, which lis-tiny honours like any request's.
  transformRequest: requestOn("chat", (body) => {
    if (!plainText(body) || (body.logit_bias != null && !isObj(body.logit_bias))) return body;
    return { ...body, logit_bias: { ...(isObj(body.logit_bias) ? body.logit_bias : {}), [builtinModel().vocab.id("</s>")]: 100 } };
  }),
};
