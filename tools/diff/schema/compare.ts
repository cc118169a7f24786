import { rowFor, type Direction } from "../policy.js";
import { child, displayLocation, type DocSet, type Node } from "../refs.js";
import type { RuleContext, SchemaRule } from "./rule.js";
import { alternativesRule, shapesDiffer } from "./rules/alternatives.js";
import { SCHEMA_RULES } from "./rules/index.js";
import { buildView, deref, type Dereffed, type SchemaView } from "./view.js";

/** A change found inside a schema, before the OpenAPI walker adds where the schema is used. */
export interface SchemaChange {
  row: string;
  direction: Direction;
  message: string;
  location: string;
}

const NONE: readonly SchemaChange[] = Object.freeze([]);

/**
 * Compares schemas of two DocSets. Results are memoised per (old location, new location, direction): a component
 * used by a hundred operations is compared once, and a recursive schema ends where its comparison is already
 * in progress (the changes of that pair are reported by the outer comparison).
 */
export class SchemaComparer {
  private readonly memo = new Map<string, readonly SchemaChange[]>();
  private readonly inProgress = new Set<string>();
  readonly unresolved = new Set<string>();
  /** Views are immutable once built: one per schema location and side, however often it is compared. */
  private readonly views = [new Map<string, SchemaView>(), new Map<string, SchemaView>()];

  constructor(
    readonly oldDocs: DocSet,
    readonly newDocs: DocSet,
    private readonly rules: readonly SchemaRule[] = SCHEMA_RULES,
  ) {}

  compare(oldNode: Node, newNode: Node, direction: Direction, structuralOnly = false): readonly SchemaChange[] {
    const a = deref(this.oldDocs, oldNode);
    const b = deref(this.newDocs, newNode);
    const key = `${pairKey(a)}|${pairKey(b)}|${direction}|${structuralOnly ? "s" : ""}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    if (this.inProgress.has(key)) return NONE;
    this.inProgress.add(key);
    const changes = this.compareDereffed(a, b, direction, structuralOnly);
    this.inProgress.delete(key);
    const result = changes.length === 0 ? NONE : changes;
    this.memo.set(key, result);
    return result;
  }

  private viewOf(side: "old" | "new", d: Dereffed): SchemaView {
    const cache = this.views[side === "old" ? 0 : 1];
    const key = pairKey(d);
    let view = cache.get(key);
    if (!view) {
      view = buildView(side === "old" ? this.oldDocs : this.newDocs, d);
      cache.set(key, view);
    }
    return view;
  }

  private compareDereffed(a: Dereffed, b: Dereffed, direction: Direction, structuralOnly: boolean): SchemaChange[] {
    const out: SchemaChange[] = [];
    for (const [docs, d] of [[this.oldDocs, a], [this.newDocs, b]] as const) {
      if (d.unresolved) this.unresolved.add(`${docs.label}: ${d.unresolved}`);
    }
    const oldView = this.viewOf("old", a);
    const newView = this.viewOf("new", b);
    const ctx: RuleContext = {
      direction,
      report: (kind, message, at, side = "new") => {
        const row = rowFor(kind, direction);
        out.push({ row: row.id, direction, message, location: displayLocation(side === "old" ? this.oldDocs : this.newDocs, at) });
      },
      descend: (oldNode, newNode, options) => {
        for (const change of this.compare(oldNode, newNode, direction, options?.structuralOnly ?? false)) out.push(change);
      },
      view: (node, side) => {
        const docs = side === "old" ? this.oldDocs : this.newDocs;
        const d = deref(docs, node);
        const isRef = d.node !== node;
        return { view: this.viewOf(side, d), target: isRef ? displayLocation(docs, d.node) : undefined };
      },
      at: (view, keyword) => {
        const owner = view.owner.get(keyword);
        return owner ? child(owner, keyword) : view.node;
      },
    };
    // An unresolved reference is compared by its text only: a different target is a different type.
    if (oldView.unresolved || newView.unresolved) {
      const oldRef = refText(a.node.value);
      const newRef = refText(b.node.value);
      if (oldRef !== newRef) ctx.report("TYPE-CHANGED", `reference changed from ${oldRef ?? "an inline schema"} to ${newRef ?? "an inline schema"}`, b.node);
      return out;
    }
    // A union on one side and a plain schema on the other: only the union rule pairs them up (the others would
    // compare the plain schema with the union's wrapper and report noise).
    const onlyUnion = shapesDiffer(oldView, newView);
    for (const rule of this.rules) {
      if (structuralOnly && !rule.structural) continue;
      if (onlyUnion && rule.structural && rule !== alternativesRule) continue;
      rule.compare(ctx, oldView, newView);
    }
    return out;
  }
}

const pairKey = (d: Dereffed) =>
  d.node.anything ? "{}" : `${d.node.file}#${d.node.pointer}${d.siblings ? JSON.stringify(d.siblings) : ""}${d.node.onlyType ? `:${d.node.onlyType}` : ""}`;

function refText(value: unknown): string | undefined {
  return typeof value === "object" && value !== null && typeof (value as { $ref?: unknown }).$ref === "string" ? (value as { $ref: string }).$ref : undefined;
}
