import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { deepEqual } from "../assertions.js";
import { documentOf } from "../judge.js";
import { values } from "./util.js";

export const sameValuesAsStep: CheckDefinition = {
  name: "sameValuesAsStep",
  description:
    "The values at `path` in this response and the values at `stepPath` in the earlier step `step` are the same set: every value of each appears among the other's (order and repetitions aside).",
  args: {
    type: "object",
    required: ["path", "step", "stepPath"],
    additionalProperties: false,
    properties: { path: { type: "string", pattern: "^\\$" }, step: { type: "string" }, stepPath: { type: "string", pattern: "^\\$" } },
  },
  run(args, ctx) {
    const earlier = ctx.steps[String(args.step)];
    if (!earlier?.response) return fail(`no response of step ${String(args.step)}`);
    const here = values(ctx.document, String(args.path));
    const there = values(documentOf(earlier.response), String(args.stepPath));
    const extra = here.filter((v) => !there.some((t) => deepEqual(t, v)));
    if (extra.length > 0) return fail(`${String(args.path)} has values that ${String(args.stepPath)} of step ${String(args.step)} lacks`, show(there, 120), `extra ${show(extra, 120)}`);
    const missing = there.filter((t) => !here.some((v) => deepEqual(t, v)));
    if (missing.length > 0) return fail(`${String(args.path)} lacks values of ${String(args.stepPath)} in step ${String(args.step)}`, show(there, 120), `missing ${show(missing, 120)}`);
    return pass();
  },
};
