import { restyleFrames, restyleText, type JsonStyle } from "./json-text.js";
import type { VariantDefinition } from "./types.js";

const reversed: JsonStyle = { order: (keys) => [...keys].reverse() };

export const memberOrder: VariantDefinition = {
  name: "member-order",
  description: "the members of every JSON object, in bodies and stream events, come in reverse order (\"usage\" first, \"id\" last)",
  allowedBy: [{ doc: "conventions.md", quote: "JSON terms (object, member, array, string, number) are those of RFC 8259." }],
  transformText: restyleText(reversed),
  transformFrames: restyleFrames(reversed),
};
