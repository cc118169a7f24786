import { ApiError } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const logprobsUnsupported: VariantDefinition = {
  name: "logprobs-unsupported",
  description: "logprobs: true is refused with 400 unsupported_parameter (a server without log-probabilities)",
  allowedBy: [
    { clause: "CHAT-023", quote: "Otherwise the server MUST honour or reject `logprobs` per ERR-016 (`unsupported_parameter`)." },
    { clause: "ERR-016", quote: "the server MUST reject the request with status 400, `param` naming the member and `code` `unsupported_parameter` (for the member)" },
  ],
  transformRequest: refuseValid("chat", (body) => {
    if (body.logprobs === true) throw new ApiError(400, "This server does not return log-probabilities; remove 'logprobs'.", "invalid_request_error", "logprobs", "unsupported_parameter");
  }),
};
