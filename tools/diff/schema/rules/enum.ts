import { sameJson, show, type SchemaRule } from "../rule.js";

/** The keyword that promises clients that values may be added to an enum (versioning.md, open enums). */
export const OPEN_ENUM = "x-lis-open-enum";

const showAll = (values: unknown[]) => values.map((v) => show(v, 40)).join(", ");

/** `enum` and `const` (a one-value enum): values added or removed, a restriction added or lifted. */
export const enumRule: SchemaRule = {
  name: "enum",
  keywords: ["enum", "const", OPEN_ENUM],
  structural: true,
  compare(ctx, a, b) {
    const oldValues = a.enumValues;
    const newValues = b.enumValues;
    if (!oldValues && !newValues) return;
    const keyword = (v: typeof a) => ("const" in v.keywords ? "const" : "enum");
    const added = kindOfAdded(ctx.direction, b.keywords[OPEN_ENUM] === true);
    if (!oldValues) {
      ctx.report("ENUM-VALUE-REMOVED", `values restricted to ${showAll(newValues!)}`, ctx.at(b, keyword(b)));
      return;
    }
    if (!newValues) {
      ctx.report(added, `restriction to ${showAll(oldValues)} lifted`, ctx.at(a, keyword(a)), "old");
      return;
    }
    const gained = newValues.filter((v) => !oldValues.some((o) => sameJson(o, v)));
    const lost = oldValues.filter((v) => !newValues.some((n) => sameJson(n, v)));
    if (gained.length > 0) ctx.report(added, `${keyword(b)} value(s) added: ${showAll(gained)}`, ctx.at(b, keyword(b)));
    if (lost.length > 0) ctx.report("ENUM-VALUE-REMOVED", `${keyword(a)} value(s) removed: ${showAll(lost)}`, ctx.at(b, keyword(b)));
  },
};

function kindOfAdded(direction: string, open: boolean): string {
  return direction === "response" && open ? "ENUM-VALUE-ADDED-OPEN" : "ENUM-VALUE-ADDED";
}
