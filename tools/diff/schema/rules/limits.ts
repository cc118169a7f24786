import type { RuleContext, SchemaRule } from "../rule.js";
import type { SchemaView } from "../view.js";

/** Lower bounds: a higher value allows fewer instances. */
const LOWER = ["minLength", "minItems", "minProperties", "minContains"] as const;
/** Upper bounds: a lower value allows fewer instances. */
const UPPER = ["maxLength", "maxItems", "maxProperties", "maxContains"] as const;

type Bound = { value: number; exclusive: boolean; keyword: string };

/** The effective numeric bound on one side, from `minimum`/`exclusiveMinimum` (or the maximum pair). */
function numericBound(view: SchemaView, side: "min" | "max"): Bound | undefined {
  const inclusiveKey = side === "min" ? "minimum" : "maximum";
  const exclusiveKey = side === "min" ? "exclusiveMinimum" : "exclusiveMaximum";
  const inclusive = view.keywords[inclusiveKey];
  const exclusive = view.keywords[exclusiveKey];
  const bounds: Bound[] = [];
  if (typeof inclusive === "number") bounds.push({ value: inclusive, exclusive: false, keyword: inclusiveKey });
  if (typeof exclusive === "number") bounds.push({ value: exclusive, exclusive: true, keyword: exclusiveKey });
  if (bounds.length === 0) return undefined;
  // The stricter of the two, when both are given.
  const sign = side === "min" ? 1 : -1;
  return bounds.reduce((x, y) => (sign * (y.value - x.value) > 0 || (y.value === x.value && y.exclusive) ? y : x));
}

/** > 0 when `b` is stricter than `a`, < 0 when looser, 0 when the same. */
function strictness(a: Bound, b: Bound, side: "min" | "max"): number {
  const sign = side === "min" ? 1 : -1;
  if (a.value !== b.value) return sign * (b.value - a.value);
  return Number(b.exclusive) - Number(a.exclusive);
}

const describe = (bound: Bound | undefined) => (bound ? `${bound.keyword} ${bound.value}` : "none");

function report(ctx: RuleContext, a: SchemaView, b: SchemaView, tighter: boolean, keyword: string, message: string): void {
  const inNew = keyword in b.keywords;
  ctx.report(tighter ? "LIMIT-TIGHTENED" : "LIMIT-LOOSENED", message, ctx.at(inNew ? b : a, keyword), inNew ? "new" : "old");
}

/** Numeric, length, count and uniqueness limits: tightened (fewer instances allowed) or loosened. */
export const limitsRule: SchemaRule = {
  name: "limits",
  keywords: ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf", ...LOWER, ...UPPER, "uniqueItems"],
  structural: true,
  compare(ctx, a, b) {
    for (const side of ["min", "max"] as const) {
      const oldBound = numericBound(a, side);
      const newBound = numericBound(b, side);
      if (!oldBound && !newBound) continue;
      const s = !oldBound ? 1 : !newBound ? -1 : strictness(oldBound, newBound, side);
      if (s !== 0) report(ctx, a, b, s > 0, (newBound ?? oldBound)!.keyword, `${describe(oldBound)} → ${describe(newBound)}`);
    }
    for (const [keywords, sign] of [[LOWER, 1], [UPPER, -1]] as const) {
      for (const keyword of keywords) {
        const x = a.keywords[keyword];
        const y = b.keywords[keyword];
        const oldValue = typeof x === "number" ? x : undefined;
        const newValue = typeof y === "number" ? y : undefined;
        if (oldValue === newValue) continue;
        const tighter = oldValue === undefined ? true : newValue === undefined ? false : sign * (newValue - oldValue) > 0;
        report(ctx, a, b, tighter, keyword, `${keyword} ${oldValue ?? "none"} → ${newValue ?? "none"}`);
      }
    }
    const oldMultiple = typeof a.keywords.multipleOf === "number" ? a.keywords.multipleOf : undefined;
    const newMultiple = typeof b.keywords.multipleOf === "number" ? b.keywords.multipleOf : undefined;
    if (oldMultiple !== newMultiple) {
      // Multiples of 10 are multiples of 5: a divisor of the old step loosens, anything else tightens.
      const looser = newMultiple === undefined || (oldMultiple !== undefined && oldMultiple % newMultiple === 0);
      report(ctx, a, b, !looser, "multipleOf", `multipleOf ${oldMultiple ?? "none"} → ${newMultiple ?? "none"}`);
    }
    const oldUnique = a.keywords.uniqueItems === true;
    const newUnique = b.keywords.uniqueItems === true;
    if (oldUnique !== newUnique) report(ctx, a, b, newUnique, "uniqueItems", `uniqueItems ${oldUnique} → ${newUnique}`);
  },
};
