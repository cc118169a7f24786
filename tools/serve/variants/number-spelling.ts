import { restyleFrames, restyleText, type JsonStyle } from "./json-text.js";
import type { VariantDefinition } from "./types.js";

/** Members whose value is a JSON number (not an integer): a whole value may be written as `1.0`. */
const NUMBER_MEMBERS = new Set(["logprob", "probability", "embedding", "learning_rate_multiplier"]);

/** Fractions in exponent form with a capital E (`-2.5E-1`); whole values of number members as `X.0`; integers as they are. */
const spelled: JsonStyle = {
  number: (n, member) => {
    if (!Number.isInteger(n)) return n.toExponential().replace("e", "E");
    if (member !== undefined && NUMBER_MEMBERS.has(member)) return `${Object.is(n, -0) ? "-0" : n}.0`;
    return JSON.stringify(n);
  },
};

export const numberSpelling: VariantDefinition = {
  name: "number-spelling",
  description: "numbers with a fraction are written in exponent form (-2.5E-1), and whole values of number members as 1.0 or -0.0; integer members stay plain",
  allowedBy: [
    { doc: "conventions.md", quote: "\"Integer\" means a JSON number without a fraction or exponent part." },
    { clause: "CHAT-023", quote: "`logprob` (a number ≤ 0)" },
  ],
  transformText: restyleText(spelled),
  transformFrames: restyleFrames(spelled),
};
