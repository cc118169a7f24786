import { restyleFrames, restyleText } from "./json-text.js";
import type { VariantDefinition } from "./types.js";

export const jsonWhitespace: VariantDefinition = {
  name: "json-whitespace",
  description: "JSON bodies are pretty-printed (2-space indent) and end with a newline; stream events put a space after every ':' and ','",
  allowedBy: [
    { clause: "HTTP-012", quote: "MUST NOT have anything but whitespace after the JSON text" },
    { clause: "STREAM-002", quote: "followed by the chunk serialised as JSON on a single line" },
  ],
  transformText: (text) => `${restyleText({ indent: "  " })(text)}\n`,
  transformFrames: restyleFrames({ spaced: true }),
};
