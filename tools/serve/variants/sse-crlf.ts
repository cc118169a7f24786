import type { VariantDefinition } from "./types.js";

export const sseCrlf: VariantDefinition = {
  name: "sse-crlf",
  description: "event-stream lines end with CRLF instead of LF (events are separated by \\r\\n\\r\\n)",
  allowedBy: [{ clause: "STREAM-002", quote: "followed by the chunk serialised as JSON on a single line, and terminated by a blank line" }],
  departsFrom: [{ clause: "STREAM-022", why: "the SHOULD asks for LF; SSE (WHATWG) also allows CR and CRLF, and some servers behind Windows stacks write CRLF" }],
  transformFrames: (frames) => frames.map((f) => f.replace(/\n/g, "\r\n")),
};
