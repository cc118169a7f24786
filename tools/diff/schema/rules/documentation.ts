import { sameJson, show, type SchemaRule } from "../rule.js";

const ANNOTATIONS = ["title", "description", "summary", "example", "examples", "externalDocs", "$comment"];

/** Titles, descriptions, examples: informational. */
export const annotationsRule: SchemaRule = {
  name: "annotations",
  keywords: ANNOTATIONS,
  structural: false,
  compare(ctx, a, b) {
    const changed = ANNOTATIONS.filter((k) => !sameJson(a.keywords[k], b.keywords[k]));
    if (changed.length > 0) ctx.report("DESCRIPTION-CHANGED", `${changed.join(", ")} changed`, ctx.at(b, changed[0]));
  },
};

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
