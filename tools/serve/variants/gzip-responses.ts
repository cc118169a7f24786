import type { VariantDefinition } from "./types.js";

export const gzipResponses: VariantDefinition = {
  name: "gzip-responses",
  description: "JSON responses are gzip-compressed (Content-Encoding: gzip) whenever the request's Accept-Encoding allows it; streams are not",
  allowedBy: [
    { clause: "HTTP-012", quote: "Every JSON response body MUST be a single JSON text as defined by RFC 8259, encoded in UTF-8" },
    { rfc: "RFC 9110 §8.4", quote: "The \"Content-Encoding\" header field indicates what content codings have been applied to the representation, beyond those inherent in the media type" },
  ],
  flags: ["gzip-json"],
};
