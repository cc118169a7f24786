import { invalidRequest } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const fourStopStrings: VariantDefinition = {
  name: "four-stop-strings",
  description: "more than four stop strings are refused with 400 (OpenAI's limit) instead of honoured",
  allowedBy: [{ clause: "CHAT-016", quote: "An array with more than four strings MUST either be honoured in full or rejected with status 400 and `param` `stop`." }],
  transformRequest: refuseValid("chat", (body) => {
    if (Array.isArray(body.stop) && body.stop.length > 4) throw invalidRequest(`'stop' takes at most 4 sequences; got ${body.stop.length}.`, "stop");
  }),
};
