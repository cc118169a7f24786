import { LisError, EXIT } from "../util/errors.js";
import { schemaName } from "./load.js";
import { MAX_USED_AT, type Change, type DiffResult } from "./model.js";
import { OpenApiWalker } from "./openapi.js";
import { CLASSIFICATION_RANK, policyRow, rowFor, type Direction } from "./policy.js";
import { join } from "node:path";
import { displayLocation, getPointer, type DocSet, type Node } from "./refs.js";
import { SchemaComparer, type SchemaChange } from "./schema/compare.js";
import { deref } from "./schema/view.js";

/** The keyword a schema file uses to say where it is used, when its name does not (versioning.md). */
export const DIRECTION_KEYWORD = "x-lis-direction";

/** Gathers changes, merging the same change reached through several operations into one with a `usedAt` list. */
class Collector {
  private readonly changes = new Map<string, Change>();

  add(change: SchemaChange, usedAt?: string): void {
    const key = `${change.row}\u0000${change.direction}\u0000${change.location}\u0000${change.message}`;
    let entry = this.changes.get(key);
    if (!entry) {
      const row = policyRow(change.row);
      entry = { row: row.id, classification: row.classification, direction: change.direction, message: change.message, location: change.location, usedAt: [], usedAtCount: 0 };
      this.changes.set(key, entry);
    }
    // A use that the location already shows (an inline schema under its operation) is not repeated.
    if (usedAt !== undefined && !change.location.startsWith(usedAt) && !entry.usedAt.includes(usedAt)) {
      entry.usedAtCount++;
      if (entry.usedAt.length < MAX_USED_AT) entry.usedAt.push(usedAt);
    }
  }

  sorted(): Change[] {
    return [...this.changes.values()].sort(
      (a, b) =>
        CLASSIFICATION_RANK[b.classification] - CLASSIFICATION_RANK[a.classification] ||
        a.direction.localeCompare(b.direction) ||
        a.location.localeCompare(b.location) ||
        a.row.localeCompare(b.row),
    );
  }
}

const rootNode = (docs: DocSet, file: string): Node => ({ value: docs.files.get(file), file, pointer: "" });

/**
 * The pure core of `lis diff`: two loaded sides → every change, classified by the policy table. Both sides must
 * be of the same kind (two OpenAPI files, or two schema folders).
 */
export function diffDocuments(oldDocs: DocSet, newDocs: DocSet): DiffResult {
  if (oldDocs.kind !== newDocs.kind) {
    const what = (d: DocSet) => (d.kind === "openapi" ? "an OpenAPI file" : "a schema folder");
    throw new LisError(`${oldDocs.label} is ${what(oldDocs)} but ${newDocs.label} is ${what(newDocs)}; compare like with like`, EXIT.USAGE);
  }
  const comparer = new SchemaComparer(oldDocs, newDocs);
  const collector = new Collector();
  const where = (docs: DocSet, node: Node) => displayLocation(docs, node);

  // Where each side's OpenAPI document uses schema files, and in which direction: new schema files are
  // then classified by their use (a schema only a request refers to is request-side).
  const usedBy = { old: new Map<string, Direction[]>(), new: new Map<string, Direction[]>() };
  const noteUse = (uses: Map<string, Direction[]>, docs: DocSet, node: Node, direction: Direction) => {
    const file = deref(docs, node).node.file;
    if (file !== docs.openapi && !(uses.get(file) ?? []).includes(direction)) uses.set(file, [...(uses.get(file) ?? []), direction]);
  };
  if (oldDocs.openapi || newDocs.openapi) {
    const emptyApi = (docs: DocSet): Node => ({ value: { paths: {} }, file: docs.main, pointer: "" });
    const walker = new OpenApiWalker(oldDocs, newDocs, {
      operation(kind, direction, message, at, side, usedAt) {
        const change = { row: rowFor(kind, direction).id, direction, message, location: where(side === "old" ? oldDocs : newDocs, at) };
        collector.add(change, usedAt && where(newDocs, usedAt));
      },
      schema(oldNode, newNode, direction, usedAt) {
        noteUse(usedBy.old, oldDocs, oldNode, direction);
        noteUse(usedBy.new, newDocs, newNode, direction);
        const used = where(newDocs, usedAt);
        for (const change of comparer.compare(oldNode, newNode, direction)) collector.add(change, used);
      },
    });
    walker.walk(oldDocs.openapi ? rootNode(oldDocs, oldDocs.openapi) : emptyApi(oldDocs), newDocs.openapi ? rootNode(newDocs, newDocs.openapi) : emptyApi(newDocs));
  }

  if (oldDocs.kind === "schemas") {
    const oldRoots = schemaRoots(oldDocs);
    const newRoots = schemaRoots(newDocs);
    const oldUses = reachedFrom(oldDocs, new Map([...usedBy.old, ...oldRoots]));
    const newUses = reachedFrom(newDocs, new Map([...usedBy.new, ...newRoots]));
    const oldByName = new Map(oldDocs.schemaFiles.map((f) => [schemaName(f), f]));
    const newByName = new Map(newDocs.schemaFiles.map((f) => [schemaName(f), f]));
    for (const [name, file] of oldByName) {
      if (newByName.has(name)) continue;
      const direction = oldRoots.get(file)?.[0] ?? oldUses.get(file)?.[0] ?? directionByName(name);
      collector.add({ row: rowFor("SCHEMA-REMOVED", direction).id, direction, message: `schema ${name} removed`, location: where(oldDocs, rootNode(oldDocs, file)) });
    }
    for (const [name, file] of newByName) {
      const oldFile = oldByName.get(name);
      if (!oldFile) {
        const direction = newRoots.get(file)?.[0] ?? newUses.get(file)?.[0] ?? directionByName(name);
        collector.add({ row: rowFor("SCHEMA-ADDED", direction).id, direction, message: `schema ${name} added`, location: where(newDocs, rootNode(newDocs, file)) });
        continue;
      }
      const directions = new Set([...(oldRoots.get(oldFile) ?? []), ...(newRoots.get(file) ?? [])]);
      for (const direction of directions) {
        for (const change of comparer.compare(rootNode(oldDocs, oldFile), rootNode(newDocs, file), direction)) collector.add(change, `${name} (${direction})`);
      }
    }
  }

  const changes = collector.sorted();
  const warnings = [...[...comparer.unresolved].sort(), ...markingWarnings(newDocs, changes)];
  return { old: oldDocs.label, new: newDocs.label, changes, warnings };
}

/**
 * In a LIS schema folder (one whose schemas carry `x-lis-added-in`), additions must say when they were added
 * (VER-016) and deprecations since when (VER-012); `lis diff` names the ones that do not.
 */
function markingWarnings(docs: DocSet, changes: readonly Change[]): string[] {
  if (docs.kind !== "schemas") return [];
  const marked = docs.schemaFiles.some((f) => typeof (docs.files.get(f) as Record<string, unknown> | undefined)?.["x-lis-added-in"] === "string");
  if (!marked) return [];
  const wanted: Array<[RegExp, string, string]> = [
    [/PROPERTY-ADDED|SCHEMA-ADDED/, "x-lis-added-in", "VER-016"],
    [/^DEPRECATED-ADDED$/, "x-lis-deprecated-in", "VER-012"],
  ];
  const warnings: string[] = [];
  for (const change of changes) {
    const rule = wanted.find(([row]) => row.test(change.row));
    if (!rule) continue;
    const hash = change.location.indexOf("#");
    let pointer = change.location.slice(hash + 1);
    if (rule[1] === "x-lis-deprecated-in") pointer = pointer.replace(/\/deprecated$/, "");
    const value = getPointer(docs.files.get(join(docs.base, change.location.slice(0, hash))), pointer);
    if (typeof value === "object" && value !== null && !(rule[1] in value)) warnings.push(`${change.location}: ${change.message} without "${rule[1]}" (${rule[2]})`);
  }
  return warnings;
}

/** The directions in which each file is used: its own (as a root) and those of the roots that reach it through references. */
function reachedFrom(docs: DocSet, roots: Map<string, Direction[]>): Map<string, Direction[]> {
  const out = new Map<string, Direction[]>(roots);
  for (const [root, directions] of roots) {
    const seen = new Set<string>([root]);
    const queue = [root];
    while (queue.length > 0) {
      for (const next of docs.refersTo.get(queue.shift()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
        out.set(next, [...new Set([...(out.get(next) ?? []), ...directions])]);
      }
    }
  }
  return out;
}

const directionByName = (name: string): Direction => (/(^|[-_.])request$/i.test(name) ? "request" : "response");

/**
 * The root schemas of a folder and the directions they are compared in: `x-lis-direction` ("request",
 * "response", "both") when given; otherwise every schema that no other file of the folder (nor its OpenAPI
 * document) refers to is a root, a request when its name ends in `request`, a response otherwise. Schemas that
 * others refer to are compared through them, in their directions.
 */
export function schemaRoots(docs: DocSet): Map<string, Direction[]> {
  const referenced = new Set<string>();
  for (const [file, targets] of docs.refersTo) for (const target of targets) if (target !== file) referenced.add(target);
  const roots = new Map<string, Direction[]>();
  for (const file of docs.schemaFiles) {
    const data = docs.files.get(file);
    const declared = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[DIRECTION_KEYWORD] : undefined;
    if (declared === "request" || declared === "response") roots.set(file, [declared]);
    else if (declared === "both") roots.set(file, ["request", "response"]);
    else if (declared !== undefined) throw new LisError(`${file}: ${DIRECTION_KEYWORD} must be "request", "response" or "both", not ${JSON.stringify(declared)}`, EXIT.USAGE);
    else if (!referenced.has(file)) roots.set(file, [directionByName(schemaName(file))]);
  }
  return roots;
}
