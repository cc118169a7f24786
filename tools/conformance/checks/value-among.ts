import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { deepEqual } from "../assertions.js";
import { documentOf } from "../judge.js";
import { values } from "./util.js";

export const valueAmong: CheckDefinition = {
  name: "valueAmong",
  description:
    "A value — `value` (a literal or variable) or the first value at `path` in this response — equals one of the values at `among.path` (in this response, or in the earlier step `among.step`) or one of the literals in `also`.",
  args: {
    type: "object",
    required: ["among"],
    additionalProperties: false,
    properties: {
      value: {},
      path: { type: "string", pattern: "^\\$" },
      among: { type: "object", required: ["path"], additionalProperties: false, properties: { path: { type: "string", pattern: "^\\$" }, step: { type: "string" } } },
      also: { type: "array" },
    },
    oneOf: [{ required: ["value"] }, { required: ["path"] }],
  },
  run(args, ctx) {
    let value: unknown = args.value;
    if (args.path !== undefined) {
      const found = values(ctx.document, String(args.path));
      if (found.length === 0) return fail(`${args.path} matched nothing`);
      value = found[0];
    }
    const among = args.among as { path: string; step?: string };
    let doc = ctx.document;
    if (among.step !== undefined) {
      const earlier = ctx.steps[among.step];
      if (!earlier?.response) return fail(`no response of step ${among.step}`);
      doc = documentOf(earlier.response);
    }
    const candidates = [...values(doc, among.path), ...((args.also as unknown[] | undefined) ?? [])];
    if (candidates.some((c) => deepEqual(c, value))) return pass();
    const where = among.step !== undefined ? `${among.path} of step ${among.step}` : among.path;
    return fail(`${show(value)} is not among ${where}${args.also ? " or the given values" : ""}`, `one of ${show(candidates, 160)}`, show(value));
  },
};
