import { sameJson, show, type SchemaRule } from "../rule.js";

/** `default`: in a request, changing it changes what existing clients get; in a response it only documents. */
export const defaultRule: SchemaRule = {
  name: "default",
  keywords: ["default"],
  structural: false,
  compare(ctx, a, b) {
    const had = "default" in a.keywords;
    const has = "default" in b.keywords;
    if (!had && !has) return;
    if (!had) ctx.report("DEFAULT-ADDED", `default ${show(b.keywords.default)} documented`, ctx.at(b, "default"));
    else if (!sameJson(a.keywords.default, b.keywords.default)) {
      const message = has ? `default ${show(a.keywords.default)} → ${show(b.keywords.default)}` : `default ${show(a.keywords.default)} removed`;
      ctx.report("DEFAULT-CHANGED", message, ctx.at(has ? b : a, "default"), has ? "new" : "old");
    }
  },
};
