import { invalidRequest } from "../http/errors.js";
import { CONTEXT_LENGTH } from "../validate/chat.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const limitBeyondContextRefused: VariantDefinition = {
  name: "limit-beyond-context-refused",
  description: "a token limit larger than the context length is refused with 400 invalid_value (vLLM, OpenAI) instead of capped",
  allowedBy: [{ clause: "CHAT-039", quote: "or reject it with status 400, `code` `invalid_value` and `param` naming the member" }],
  departsFrom: [{ clause: "CHAT-041", why: "the SHOULD prefers capping; vLLM and OpenAI reject" }],
  // The limit alone exceeds the context: more than any prompt leaves, so the sum exceeds it too.
  transformRequest: refuseValid("chat", (body) => {
    for (const member of ["max_completion_tokens", "max_tokens"]) {
      const n = body[member];
      if (typeof n === "number" && Number.isInteger(n) && n > CONTEXT_LENGTH) throw invalidRequest(`'${member}' is ${n}, but the model's context holds ${CONTEXT_LENGTH} tokens, prompt included.`, member);
    }
  }),
};
