import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";

export const stringMatches: CheckDefinition = {
  name: "stringMatches",
  description:
    "The string `value` (typically a variable such as ${model}) matches the regular expression `pattern`. Judges the run's configuration rather than the response: meant for precondition steps (e.g. \"the model id contains a reserved character\").",
  args: {
    type: "object",
    required: ["value", "pattern"],
    additionalProperties: false,
    properties: { value: { type: "string" }, pattern: { type: "string" } },
  },
  run(args) {
    const value = String(args.value);
    let re: RegExp;
    try {
      re = new RegExp(String(args.pattern));
    } catch (err) {
      return fail(`bad pattern: ${(err as Error).message}`);
    }
    return re.test(value) ? pass() : fail(`${show(value)} does not match /${String(args.pattern)}/`, `/${String(args.pattern)}/`, show(value));
  },
};
