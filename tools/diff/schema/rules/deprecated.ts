import type { SchemaRule } from "../rule.js";

/** `deprecated: true` added or withdrawn (with `x-lis-deprecated-in` when given). */
export const deprecatedRule: SchemaRule = {
  name: "deprecated",
  keywords: ["deprecated", "x-lis-deprecated-in"],
  structural: false,
  compare(ctx, a, b) {
    const was = a.keywords.deprecated === true;
    const is = b.keywords.deprecated === true;
    if (was === is) return;
    const since = typeof b.keywords["x-lis-deprecated-in"] === "string" ? ` (since ${b.keywords["x-lis-deprecated-in"]})` : "";
    if (is) ctx.report("DEPRECATED-ADDED", `marked deprecated${since}`, ctx.at(b, "deprecated"));
    else ctx.report("DEPRECATED-REMOVED", "no longer deprecated", ctx.at(a, "deprecated"), "old");
  },
};
