import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { isObject } from "./util.js";

/** The model objects of a GET /models body (`data`) or a GET /models/{model} body (the object itself). */
export function modelObjects(doc: unknown): Record<string, unknown>[] {
  if (isObject(doc) && Array.isArray(doc.data)) return doc.data.filter(isObject);
  return isObject(doc) ? [doc] : [];
}

const KINDS = ["pre-trained", "fine-tuned", "merged", "quantized", "distilled"];

export const lineageConsistent: CheckDefinition = {
  name: "lineageConsistent",
  description:
    "Every model object's lis.kind is one of the five kinds, and lis.base_model is null exactly when kind is pre-trained (a non-empty string otherwise). Works on a model list or one model.",
  run(_args, ctx) {
    const models = modelObjects(ctx.document);
    if (models.length === 0) return fail("no model objects in the response");
    for (const m of models) {
      const lis = isObject(m.lis) ? m.lis : {};
      if (!KINDS.includes(lis.kind as string)) return fail(`model ${show(m.id)}: lis.kind ${show(lis.kind)} is not a known kind`, KINDS.join(" | "), show(lis.kind));
      const base = lis.base_model;
      if (lis.kind === "pre-trained" && base !== null) return fail(`model ${show(m.id)} is pre-trained but names base_model ${show(base)}`, "null", show(base));
      if (lis.kind !== "pre-trained" && (typeof base !== "string" || base === "")) return fail(`model ${show(m.id)} is ${lis.kind} but has no base_model`, "a model id", show(base));
    }
    return pass();
  },
};
