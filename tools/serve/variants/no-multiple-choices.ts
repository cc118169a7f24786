import { unsupportedValue } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const noMultipleChoices: VariantDefinition = {
  name: "no-multiple-choices",
  description: "n greater than 1 is refused with 400 unsupported_value (llama.cpp)",
  allowedBy: [{ clause: "CHAT-015", quote: "or reject a request with `n` greater than 1 with status 400, `param` `n` and `code` `unsupported_value`" }],
  transformRequest: refuseValid("chat", (body) => {
    if (typeof body.n === "number" && Number.isInteger(body.n) && body.n > 1 && body.n <= 128) throw unsupportedValue("This server generates one choice per request; 'n' must be 1.", "n");
  }),
};
