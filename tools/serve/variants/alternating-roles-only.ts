import { invalidRequest } from "../http/errors.js";
import { isObj } from "../hooks/helpers.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

const INSTRUCTION = new Set(["system", "developer"]);

export const alternatingRolesOnly: VariantDefinition = {
  name: "alternating-roles-only",
  description: "a chat template that renders instructions only at the start and user and assistant turns only in alternation: other sequences are refused 400 naming the first message it cannot render",
  allowedBy: [{ clause: "CHAT-040", quote: "When the server cannot render the sequence of messages for the model (for example a chat template that requires alternating `user` and `assistant` turns, or a `system` message only at the start), it MUST reject the request with status 400 and `param` naming the first message it cannot render" }],
  transformRequest: refuseValid("chat", (body) => {
    const messages = (Array.isArray(body.messages) ? body.messages : []).filter(isObj);
    let last: string | undefined;
    messages.forEach((m, i) => {
      const role = String(m.role);
      if (INSTRUCTION.has(role)) {
        if (last !== undefined) throw invalidRequest(`This model's chat template takes instructions only at the start; messages[${i}] is a ${role} message after the conversation began.`, `messages[${i}].role`);
        return;
      }
      // Tool results follow the assistant turn that called the tools; they do not break the alternation.
      if (role === "tool") return;
      if (role === last) throw invalidRequest(`This model's chat template needs user and assistant turns to alternate; messages[${i}] is a second ${role} turn in a row.`, `messages[${i}]`);
      last = role;
    });
  }),
};
