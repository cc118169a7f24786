import { unsupportedValue } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

/** An array of integers, or an array whose elements are all arrays (token-id inputs); malformed ones are left for validation. */
const tokenIds = (input: unknown) => Array.isArray(input) && input.length > 0 && (input.every((x) => typeof x === "number") || input.every((x) => Array.isArray(x) && x.length > 0 && x.every((y) => typeof y === "number")));

export const tokenIdsRefused: VariantDefinition = {
  name: "token-ids-refused",
  description: "token-id inputs to /embeddings are refused with 400 unsupported_value (Ollama: no tokenizer exposed)",
  allowedBy: [{ clause: "EMB-002", quote: "the server MUST either embed those token sequences or reject the request with status 400, `param` `input` and `code` `unsupported_value`" }],
  departsFrom: [{ clause: "EMB-003", why: "the SHOULD asks for token-id input; a gateway or a server without its tokenizer cannot honour it" }],
  transformRequest: refuseValid("embeddings", (body) => {
    if (tokenIds(body.input)) throw unsupportedValue("This server embeds text only; send strings, not token ids.", "input");
  }),
};
