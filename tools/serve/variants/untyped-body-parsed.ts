import type { VariantDefinition } from "./types.js";

export const untypedBodyParsed: VariantDefinition = {
  name: "untyped-body-parsed",
  description: "a POST body without a Content-Type header is read as JSON instead of refused with 415",
  allowedBy: [
    { clause: "HTTP-005", quote: "it MAY instead process the body as JSON", versions: ["1.0"] },
    { clause: "HTTP-005", quote: "the server SHOULD respond with status 415 as in HTTP-004 rather than process the body as JSON", versions: ["1.1"] },
  ],
  departsFrom: [{ clause: "HTTP-005", why: "the clause recommends 415 and permits processing; this server takes the permission" }],
  flags: ["parse-body-without-content-type"],
};
