import { describe, expect, it } from "vitest";
import { fixedDepth } from "../../tools/lint/given-depth.js";
import { buildTraversalView, realValue } from "../../tools/lint/traversal-view.js";
import { findRefCycle } from "../../tools/lint/ref-cycles.js";

describe("fixedDepth: how far the fixed part of a JSONPath reaches", () => {
  it.each([
    ["$", 0],
    ["$..[description,title]", 0],
    ["$.info", 1],
    ["$.paths[*][*].responses", 4],
    ["$.components.schemas..[?(@.enum)]", 2],
    ["$.paths[?(@property.match(/a.b/))].post", 3],
    ["$['x-lis-profiles'][*]", 2],
  ])("%s → %d", (path, depth) => {
    expect(fixedDepth(path)).toBe(depth);
  });
});

describe("traversal view", () => {
  const target = { type: "object", properties: { a: { type: "string", description: "deep" } } };
  const unresolved = { paths: { x: { schema: { $ref: "#/components/schemas/T" } } }, components: { schemas: { T: target } } };
  const resolved = { paths: { x: { schema: target } }, components: { schemas: { T: target } } };
  const view = buildTraversalView(unresolved, resolved, 3) as typeof resolved;

  it("keeps values at their own place whole (here: shared with the resolved tree)", () => {
    expect(view.components.schemas.T).toBe(target);
  });

  it("inlined values: walkable to the depth, readable but not enumerable below it, mapped back to the real value", () => {
    const inlined = view.paths.x.schema;
    expect(inlined).not.toBe(target);
    expect(realValue(inlined)).toBe(target);
    expect(Object.keys(inlined)).toEqual(["type", "properties"]); // level 3: still walkable
    const below = inlined.properties; // level 4: hidden from the walk
    expect(Object.keys(below)).toEqual([]);
    expect(below.a.description).toBe("deep");
    expect("a" in below).toBe(true);
    expect(realValue(below)).toBe(target.properties);
  });
});

describe("findRefCycle", () => {
  it("finds a chain of references that never reaches a value, and leaves recursive schemas alone", () => {
    const cyclic = { a: { $ref: "#/b" }, b: { $ref: "#/c" }, c: { $ref: "#/a" } };
    expect(findRefCycle(cyclic, "doc.yaml")).toEqual(["#/a", "#/b", "#/c", "#/a"]);
    const recursive = { s: { type: "object", properties: { child: { $ref: "#/s" } } } };
    expect(findRefCycle(recursive, "doc.yaml")).toBeUndefined();
  });
});
