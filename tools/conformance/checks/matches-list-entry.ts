import type { CheckDefinition } from "./types.js";
import { fail, inconclusive, pass, show } from "./types.js";
import { deepEqual } from "../assertions.js";
import { isObject } from "./util.js";

export const matchesListEntry: CheckDefinition = {
  name: "matchesListEntry",
  description:
    "The retrieved object equals, in the given fields, the entry with the same id in an earlier step's list (`$.data`). With `stableStep` (a second list): a field whose value differs between the two lists (a server that stamps `created` with the current time) is not compared, and the result is inconclusive when nothing else differs.",
  args: {
    type: "object",
    required: ["listStep"],
    additionalProperties: false,
    properties: { listStep: { type: "string" }, stableStep: { type: "string" }, fields: { type: "array", items: { type: "string" } } },
  },
  run(args, ctx) {
    const fields = (args.fields as string[] | undefined) ?? ["id", "object", "created", "owned_by"];
    const list = ctx.steps[String(args.listStep)]?.response?.json;
    const data = isObject(list) && Array.isArray(list.data) ? list.data.filter(isObject) : [];
    const doc = isObject(ctx.document) ? ctx.document : undefined;
    if (!doc) return fail("the response is not a JSON object", "an object", show(ctx.document));
    const entry = data.find((e) => e.id === doc.id);
    if (!entry) return fail(`no entry with id ${show(doc.id)} in step ${args.listStep}'s list`, `an entry with id ${show(doc.id)}`, show(data.map((e) => e.id)));
    const again = args.stableStep === undefined ? undefined : ctx.steps[String(args.stableStep)]?.response?.json;
    const againEntry = isObject(again) && Array.isArray(again.data) ? again.data.filter(isObject).find((e) => e.id === doc.id) : undefined;
    const unstable = againEntry ? fields.filter((f) => !deepEqual(entry[f], againEntry[f])) : [];
    const differing = fields.filter((f) => !unstable.includes(f) && !deepEqual(entry[f], doc[f]));
    if (differing.length === 0 && unstable.length > 0) {
      return inconclusive(`${unstable.join(", ")} changed between two GET /models calls (${show(entry[unstable[0]])}, then ${show(againEntry![unstable[0]])}): the retrieved value cannot be compared with a moving one`);
    }
    if (differing.length > 0) {
      return fail(`differs from the list entry in ${differing.join(", ")}`, show(Object.fromEntries(differing.map((f) => [f, entry[f]]))), show(Object.fromEntries(differing.map((f) => [f, doc[f]]))));
    }
    return pass();
  },
};
