import { sameJson, type SchemaRule } from "../rule.js";

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
