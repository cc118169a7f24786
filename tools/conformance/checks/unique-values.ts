import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { deepEqual } from "../assertions.js";
import { values } from "./util.js";

export const uniqueValues: CheckDefinition = {
  name: "uniqueValues",
  description: "The values at a JSON path are pairwise distinct (e.g. model ids in a list, tool call ids in a response).",
  args: { type: "object", required: ["path"], additionalProperties: false, properties: { path: { type: "string", pattern: "^\\$" } } },
  run(args, ctx) {
    const found = values(ctx.document, String(args.path));
    for (let i = 0; i < found.length; i++) {
      for (let j = 0; j < i; j++) {
        if (deepEqual(found[i], found[j])) return fail(`${args.path}: value ${show(found[i])} appears at positions ${j} and ${i}`, "distinct values", show(found, 200));
      }
    }
    return pass();
  },
};
