import type { VariantDefinition } from "./types.js";

const DONE = "data: [DONE]\n\n";

/** Keep-alive comments as real servers and proxies write them: `: ping`, a bare `:`, a vendor note. */
const COMMENTS = [": keep-alive\n\n", ":\n", ": OPENROUTER PROCESSING\n\n"];

export const sseComments: VariantDefinition = {
  name: "sse-comments",
  description: "streams carry SSE comment lines: a keep-alive before the first event, one between every two events, one just before [DONE]",
  allowedBy: [{ clause: "STREAM-004", quote: "The server MAY send SSE comment lines (lines starting with `:`) between events, for example as keep-alives while the prompt is processed (but not after `data: [DONE]`, STREAM-003)." }],
  transformFrames: (frames) => [COMMENTS[0], ...frames.flatMap((f, i) => (f === DONE ? [COMMENTS[2], f] : i === 0 ? [f] : [COMMENTS[i % COMMENTS.length], f]))],
};
