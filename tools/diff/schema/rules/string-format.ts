import { show, type SchemaRule } from "../rule.js";

/** A string keyword that restricts values (`pattern`, `format`): added, removed or changed. */
function restrictingStringKeyword(keyword: "pattern" | "format", kind: "PATTERN" | "FORMAT"): SchemaRule {
  return {
    name: keyword,
    keywords: [keyword],
    structural: true,
    compare(ctx, a, b) {
      const oldValue = typeof a.keywords[keyword] === "string" ? (a.keywords[keyword] as string) : undefined;
      const newValue = typeof b.keywords[keyword] === "string" ? (b.keywords[keyword] as string) : undefined;
      if (oldValue === newValue) return;
      if (oldValue === undefined) ctx.report(`${kind}-ADDED`, `${keyword} ${show(newValue)} added`, ctx.at(b, keyword));
      else if (newValue === undefined) ctx.report(`${kind}-REMOVED`, `${keyword} ${show(oldValue)} removed`, ctx.at(a, keyword), "old");
      else ctx.report(`${kind}-CHANGED`, `${keyword} ${show(oldValue)} → ${show(newValue)}`, ctx.at(b, keyword));
    },
  };
}

export const patternRule = restrictingStringKeyword("pattern", "PATTERN");
export const formatRule = restrictingStringKeyword("format", "FORMAT");
