import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { values } from "./util.js";

const DAY = 86_400;

export const timestampPlausible: CheckDefinition = {
  name: "timestampPlausible",
  description:
    "Every value at `path` is an integer Unix time in seconds, at least 0 and at most one day after the time the response arrived; with `maxAgeSeconds`, also no older than that.",
  args: { type: "object", required: ["path"], additionalProperties: false, properties: { path: { type: "string", pattern: "^\\$" }, maxAgeSeconds: { type: "integer", minimum: 0 } } },
  run(args, ctx) {
    const now = Math.floor(ctx.response.receivedAtMs / 1000);
    const found = values(ctx.document, String(args.path));
    if (found.length === 0) return fail(`${args.path} matched nothing`);
    for (const v of found) {
      if (!Number.isInteger(v) || (v as number) < 0) return fail(`${args.path}: not a non-negative integer`, "integer seconds", show(v));
      if ((v as number) > now + DAY) return fail(`${args.path}: more than a day in the future (milliseconds?)`, `≤ ${now + DAY}`, String(v));
      if (args.maxAgeSeconds !== undefined && (v as number) < now - (args.maxAgeSeconds as number)) return fail(`${args.path}: older than ${args.maxAgeSeconds} s`, `≥ ${now - (args.maxAgeSeconds as number)}`, String(v));
    }
    return pass();
  },
};
