import type { Ruleset } from "@stoplight/spectral-core";

/**
 * How deep into the document the fixed part of a JSONPath reaches: the number of segments before the first
 * recursive descent (`..`). `$.paths[*][*].responses` is 4, `$.components.schemas..[?(@.enum)]` is 2, `$..x` 0.
 */
export function fixedDepth(path: string): number {
  let depth = 0;
  let brackets = 0;
  let parens = 0;
  let quote: string | null = null;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(") parens++;
    else if (c === ")") parens--;
    else if (c === "[") {
      if (brackets === 0 && parens === 0) depth++;
      brackets++;
    } else if (c === "]") brackets--;
    else if (c === "." && brackets === 0 && parens === 0) {
      if (path[i + 1] === ".") return depth;
      depth++;
    }
  }
  return depth;
}

/** The deepest fixed path of any enabled rule that runs on the resolved document, for any format. */
export function resolvedGivenDepth(ruleset: Ruleset): number {
  let max = 0;
  for (const rule of Object.values(ruleset.rules)) {
    if (!rule.enabled || !rule.resolved) continue;
    for (const given of rule.getGivenForFormats(null)) max = Math.max(max, fixedDepth(given));
  }
  return max;
}
