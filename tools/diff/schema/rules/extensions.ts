import { sameJson, type SchemaRule } from "../rule.js";

/** Vendor extensions (`x-...`): informational. The LIS keywords other rules read are left to them. */
export const extensionsRule: SchemaRule = {
  name: "extensions",
  keywords: ["x-*"],
  structural: false,
  compare(ctx, a, b) {
    const keys = new Set([...Object.keys(a.keywords), ...Object.keys(b.keywords)].filter((k) => k.startsWith("x-") && k !== "x-lis-deprecated-in"));
    const changed = [...keys].filter((k) => !sameJson(a.keywords[k], b.keywords[k]));
    if (changed.length > 0) ctx.report("EXTENSION-CHANGED", `${changed.join(", ")} changed`, ctx.at(b, changed[0]));
  },
};
