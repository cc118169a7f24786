import type { Direction } from "../policy.js";
import type { Node } from "../refs.js";
import type { SchemaView } from "./view.js";

/**
 * What a rule may do while comparing two schema views: report a change of a kind (a policy row without its
 * REQ-/RES- prefix, e.g. `PROPERTY-REMOVED`) at a node, or compare two sub-schemas.
 */
export interface RuleContext {
  direction: Direction;
  /** `at` is on the new side unless `side` says "old" (things that exist only in the old document). */
  report(kind: string, message: string, at: Node, side?: "old" | "new"): void;
  descend(oldNode: Node, newNode: Node, options?: { structuralOnly?: boolean }): void;
  /** The node of a keyword in a view (or the view itself when the keyword is absent), for report locations. */
  at(view: SchemaView, keyword: string): Node;
  /** The normalised view of a sub-schema of one side, and where its `$ref` (if any) leads, as displayed. */
  view(node: Node, side: "old" | "new"): { view: SchemaView; target?: string };
}

/** One kind of schema change, defined like an ajv keyword: the keywords it reads and how it compares them. */
export interface SchemaRule {
  name: string;
  keywords: readonly string[];
  /** Documentation rules (descriptions, extensions) are skipped where only the structure matters. */
  structural: boolean;
  compare(ctx: RuleContext, oldView: SchemaView, newView: SchemaView): void;
}

/** Deep equality of JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => k in (b as object) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A short JSON rendering of a value for messages. */
export function show(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
