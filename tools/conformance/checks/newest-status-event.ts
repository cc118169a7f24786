import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject } from "./util.js";

export const newestStatusEvent: CheckDefinition = {
  name: "newestStatusEvent",
  description:
    "In a fine-tuning events list (`$.data`, newest first), the newest event that records a status change (`data.status`) records `status`. Other events (training metrics, messages) may be newer.",
  args: { type: "object", required: ["status"], additionalProperties: false, properties: { status: { type: "string" } } },
  run(args, ctx) {
    const data = isObject(ctx.document) && Array.isArray(ctx.document.data) ? ctx.document.data : undefined;
    if (!data) return fail("the response has no events list ($.data)");
    const newest = data.find((e) => isObject(e) && isObject(e.data) && typeof e.data.status === "string") as { data: { status: string } } | undefined;
    if (!newest) return fail("no event records a status change", `an event with data.status ${show(args.status)}`, show(data.map((e) => (isObject(e) ? e.data : e)), 160));
    return newest.data.status === args.status ? pass() : fail("the newest status event does not record the job's current status", show(args.status), show(newest.data.status));
  },
};
