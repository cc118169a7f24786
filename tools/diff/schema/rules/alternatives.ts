import type { Node } from "../../refs.js";
import type { RuleContext, SchemaRule } from "../rule.js";
import { alternativesOf, type SchemaView } from "../view.js";

/** Properties that usually tell the alternatives of a union apart (`{"type": "text"}` content parts, message roles). */
const DISCRIMINATORS = ["type", "role", "object", "kind", "event"];
const KEY_KINDS = ["ref:", "disc:", "title:", "type:"];

/** Keys an alternative can be recognised by across versions, most specific first. */
function keysOf(ctx: RuleContext, node: Node, side: "old" | "new"): string[] {
  const { view, target } = ctx.view(node, side);
  const keys: string[] = [];
  if (target) keys.push(`ref:${target}`);
  const disc = discriminator(ctx, view, side);
  if (disc) keys.push(`disc:${disc}`);
  if (typeof view.keywords.title === "string") keys.push(`title:${view.keywords.title}`);
  keys.push(`type:${view.types ? [...view.types].sort().join("|") : "any"}${view.enumValues ? `=${JSON.stringify(view.enumValues)}` : ""}`);
  return keys;
}

function discriminator(ctx: RuleContext, view: SchemaView, side: "old" | "new"): string | undefined {
  const names = [...DISCRIMINATORS.filter((n) => view.properties.has(n)), ...[...view.properties.keys()].filter((n) => !DISCRIMINATORS.includes(n))];
  for (const name of names.slice(0, 8)) {
    const values = ctx.view(view.properties.get(name)!, side).view.enumValues;
    if (values && values.length === 1) return `${name}=${JSON.stringify(values[0])}`;
  }
  return undefined;
}

/** Pairs old and new alternatives: by reference target, discriminating value, title, type; a lone leftover pair matches. */
export function matchAlternatives(oldKeys: string[][], newKeys: string[][]): { pairs: [number, number][]; removed: number[]; added: number[] } {
  const oldFree = new Set(oldKeys.keys());
  const newFree = new Set(newKeys.keys());
  const pairs: [number, number][] = [];
  for (const kind of KEY_KINDS) {
    const keyAt = (keys: string[]) => keys.find((k) => k.startsWith(kind));
    // Alternatives with the same key on both sides pair up in order (two `array` alternatives stay in place).
    for (const i of [...oldFree]) {
      const key = keyAt(oldKeys[i]);
      if (!key) continue;
      const j = [...newFree].find((n) => keyAt(newKeys[n]) === key);
      if (j === undefined) continue;
      pairs.push([i, j]);
      oldFree.delete(i);
      newFree.delete(j);
    }
  }
  if (oldFree.size === 1 && newFree.size === 1) {
    pairs.push([[...oldFree][0], [...newFree][0]]);
    oldFree.clear();
    newFree.clear();
  }
  return { pairs, removed: [...oldFree], added: [...newFree] };
}

const label = (keys: string[]) => keys[0].replace(/^[a-z]+:/, "");

/**
 * `oneOf` / `anyOf`: alternatives added or removed; matched alternatives compared. A plain schema on one side
 * and a union on the other (`string` → `anyOf: [string, null]`) counts as a union of one.
 */
export const alternativesRule: SchemaRule = {
  name: "alternatives",
  keywords: ["oneOf", "anyOf"],
  structural: true,
  compare(ctx, a, b) {
    const oldAlternatives = alternativesOf(a);
    const newAlternatives = alternativesOf(b);
    if (!oldAlternatives && !newAlternatives) return;
    // Facing a real union, an "X or null" schema is the union of X and null again, and a schema of several
    // types is the union of one alternative per type.
    const oldNodes = oldAlternatives?.nodes ?? a.nullableUnion?.nodes ?? perType(a);
    const newNodes = newAlternatives?.nodes ?? b.nullableUnion?.nodes ?? perType(b);
    const keyword = (newAlternatives ?? oldAlternatives)!.keyword;
    const oldKeys = oldNodes.map((n) => keysOf(ctx, n, "old"));
    const newKeys = newNodes.map((n) => keysOf(ctx, n, "new"));
    const { pairs, removed, added } = matchAlternatives(oldKeys, newKeys);
    for (const i of removed) ctx.report("VARIANT-REMOVED", `${keyword} alternative ${label(oldKeys[i])} removed`, oldNodes[i], "old");
    for (const j of added) ctx.report("VARIANT-ADDED", `${keyword} alternative ${label(newKeys[j])} added`, newNodes[j]);
    const mixed = (!oldAlternatives && !a.nullableUnion) || (!newAlternatives && !b.nullableUnion);
    for (const [i, j] of pairs) ctx.descend(oldNodes[i], newNodes[j], { structuralOnly: mixed });
  },
};

const perType = (view: SchemaView): Node[] =>
  view.types && view.types.size > 1 ? [...view.types].sort().map((t) => ({ ...view.node, onlyType: t })) : [view.node];

/** Whether only the alternatives rule compares the two schemas (one is a union, the other is not). */
export const shapesDiffer = (a: SchemaView, b: SchemaView) => !alternativesOf(a) !== !alternativesOf(b);
