import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject } from "./util.js";
import { modelObjects } from "./lineage-consistent.js";

export const replacementsListed: CheckDefinition = {
  name: "replacementsListed",
  description:
    "In a GET /models body, every lis.deprecation that is not null has an integer deprecated_at and a replacement that is null or the id of a model in the same list.",
  run(_args, ctx) {
    const models = modelObjects(ctx.document);
    const ids = new Set(models.map((m) => m.id));
    for (const m of models) {
      const dep = isObject(m.lis) ? m.lis.deprecation : undefined;
      if (dep === null || dep === undefined) continue;
      if (!isObject(dep)) return fail(`model ${show(m.id)}: lis.deprecation is neither null nor an object`, "null or an object", show(dep));
      if (!Number.isInteger(dep.deprecated_at)) return fail(`model ${show(m.id)}: deprecated_at is not Unix seconds`, "an integer", show(dep.deprecated_at));
      if (dep.replacement !== null && !ids.has(dep.replacement)) return fail(`model ${show(m.id)}: replacement ${show(dep.replacement)} is not in the model list`, `null or one of ${show([...ids], 120)}`, show(dep.replacement));
    }
    return pass();
  },
};
