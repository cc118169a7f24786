import type { SchemaRule } from "../rule.js";

/** Is every value of JSON type `t` allowed by the type set `set`? (integers are numbers) */
const covers = (set: Set<string>, t: string) => set.has(t) || (t === "integer" && set.has("number"));
const list = (set: Set<string> | undefined) => (set ? [...set].sort().join("|") : "any");

/** `type` (and OpenAPI 3.0 `nullable`): a wider set of types, a narrower one, or a different one. */
export const typeRule: SchemaRule = {
  name: "type",
  keywords: ["type", "nullable"],
  structural: true,
  compare(ctx, a, b) {
    const oldTypes = a.types;
    const newTypes = b.types;
    if (!oldTypes && !newTypes) return;
    const widened = !newTypes || (oldTypes !== undefined && [...oldTypes].every((t) => covers(newTypes, t)));
    const narrowed = !oldTypes || (newTypes !== undefined && [...newTypes].every((t) => covers(oldTypes, t)));
    if (widened && narrowed) return; // the same set, spelled differently
    const message = `type ${list(oldTypes)} → ${list(newTypes)}`;
    const at = ctx.at(b.types ? b : a, "type");
    const side = b.types ? "new" : "old";
    if (widened) ctx.report("TYPE-WIDENED", message, at, side);
    else if (narrowed) ctx.report("TYPE-NARROWED", message, at, side);
    else ctx.report("TYPE-CHANGED", message, at, side);
  },
};
