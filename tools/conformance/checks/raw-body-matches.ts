import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";

export const rawBodyMatches: CheckDefinition = {
  name: "rawBodyMatches",
  description:
    "The response body as received (before any JSON or SSE parsing) matches the regular expression `pattern` — or, with `absent: true`, contains no match (e.g. no carriage return in an event stream).",
  args: {
    type: "object",
    required: ["pattern"],
    additionalProperties: false,
    properties: { pattern: { type: "string" }, absent: { type: "boolean" } },
  },
  run(args, ctx) {
    let re: RegExp;
    try {
      re = new RegExp(String(args.pattern));
    } catch (err) {
      return fail(`bad pattern: ${(err as Error).message}`);
    }
    const text = ctx.response.bodyText;
    const m = re.exec(text);
    if (args.absent === true) {
      if (!m) return pass();
      const around = text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30);
      return fail(`the body contains /${String(args.pattern)}/ at offset ${m.index}`, "no match", show(around, 100));
    }
    return m ? pass() : fail(`the body does not match /${String(args.pattern)}/`, `/${String(args.pattern)}/`, show(text, 100));
  },
};
