import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject } from "./util.js";

/** The lifecycle of fine-tuning.md in order; a job only moves forward, possibly several steps between two reads. */
const RANK: Record<string, number> = { validating_files: 0, queued: 1, running: 2, succeeded: 3, failed: 3, cancelled: 3 };

export const jobStatusFollows: CheckDefinition = {
  name: "jobStatusFollows",
  description:
    "The job's `status` can follow `from` (the status an earlier read showed) along the lifecycle: the same status, or a later one (several steps may pass between two reads); a finished job stays as it is. A slow server's job may stay where it was.",
  args: { type: "object", required: ["from"], additionalProperties: false, properties: { from: { type: "string" } } },
  run(args, ctx) {
    const from = String(args.from);
    const to = isObject(ctx.document) ? ctx.document.status : undefined;
    if (typeof to !== "string" || RANK[to] === undefined) return fail("the job has no lifecycle status", `one of ${Object.keys(RANK).join(", ")}`, show(to));
    if (RANK[from] === undefined) return fail(`the earlier status ${show(from)} is not a lifecycle status`);
    const ok = to === from || (RANK[from] < 3 && RANK[to] > RANK[from]);
    return ok ? pass() : fail(`the job went from ${from} to ${to}, which the lifecycle does not allow`, `${from} or a later status`, show(to));
  },
};
