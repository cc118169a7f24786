import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffDocuments } from "../../tools/diff/diff.js";
import { POLICY, policyRow } from "../../tools/diff/policy.js";
import { docSetFromObjects } from "../../tools/diff/refs.js";
import { ROOT } from "../../tools/util/paths.js";
import { ROW_FIXTURES, type FixtureSide } from "./row-fixtures.js";

export const side = (s: FixtureSide, label: string) =>
  "openapi" in s ? docSetFromObjects({ "openapi.json": s.openapi }, { openapi: "openapi.json", label }) : docSetFromObjects(s.folder, { label });

describe("the policy table", () => {
  const spec = readFileSync(join(ROOT, "spec", "1.0", "versioning.md"), "utf8");
  const tableRows = [...spec.matchAll(/^\| `([A-Z-]+)` \| ([a-z]+) \| .* \| (breaking|non-breaking|informational) \| .* \|$/gm)].map((m) => ({
    id: m[1],
    direction: m[2],
    classification: m[3],
  }));

  it("in spec/1.0/versioning.md lists exactly the rows lis diff applies, with the same direction and class", () => {
    expect(tableRows.length).toBeGreaterThan(50);
    expect(tableRows).toEqual(POLICY.map((r) => ({ id: r.id, direction: r.direction, classification: r.classification })));
  });

  it("names only rows that exist, wherever the spec's prose cites one", () => {
    const cited = new Set([...spec.matchAll(/`((?:REQ|RES|OP|SCHEMA|DESCRIPTION|DEFAULT|DEPRECATED|EXTENSION)-[A-Z-]+)`/g)].map((m) => m[1]));
    expect(cited.size).toBeGreaterThan(POLICY.length - 1);
    expect([...cited].filter((id) => !POLICY.some((r) => r.id === id))).toEqual([]);
  });

  it("has unique row ids", () => {
    expect(new Set(POLICY.map((r) => r.id)).size).toBe(POLICY.length);
  });

  it("has a fixture pair for every row", () => {
    const covered = new Set(ROW_FIXTURES.map((f) => f.row));
    expect(POLICY.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe("every row's fixture pair", () => {
  it.each(ROW_FIXTURES.map((f) => [f.row, f] as const))("%s is reported with its direction and class, and nothing else", (_row, fixture) => {
    const result = diffDocuments(side(fixture.old, "old"), side(fixture.new, "new"));
    const expected = policyRow(fixture.row);
    const relevant = result.changes.filter((c) => expected.classification === "informational" || c.classification !== "informational");
    expect(relevant.map((c) => [c.row, c.direction, c.classification])).toEqual([[fixture.row, fixture.direction, expected.classification]]);
    expect(relevant[0].location).toMatch(/#/);
  });

  it("reverses: swapping old and new of an added member reports the removal", () => {
    const fixture = ROW_FIXTURES.find((f) => f.row === "RES-PROPERTY-ADDED-OPTIONAL")!;
    const result = diffDocuments(side(fixture.new, "new"), side(fixture.old, "old"));
    expect(result.changes.map((c) => c.row)).toEqual(["RES-PROPERTY-REMOVED"]);
  });

  it.each(ROW_FIXTURES.map((f) => [f.row, f] as const))("%s: a side compared with itself has no changes", (_row, fixture) => {
    expect(diffDocuments(side(fixture.new, "a"), side(fixture.new, "b")).changes).toEqual([]);
  });
});
