import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getValidator, getValidatorFromDir, schemaNames, schemaWarnings } from "../../tools/validate/validators.js";
import { LisError } from "../../tools/util/errors.js";
import { ROOT } from "../../tools/util/paths.js";

const fixtureSchemas = join(ROOT, "test/validate/fixtures/schemas");

describe("validators of a schema folder", () => {
  const thing = getValidatorFromDir(fixtureSchemas, "thing");

  it("resolves a relative $ref to another file of the folder, offline", () => {
    expect(thing({ name: "x", part: { size: 1 } })).toEqual({ valid: true, errors: [], value: { name: "x", part: { size: 1 } } });
    const result = thing({ name: "x", part: { size: -1 } });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ pointer: "/part/size", message: "must be >= 0", keyword: "minimum" }),
    ]);
  });

  it("points at a missing member itself, escaping the pointer (RFC 6901)", () => {
    const result = thing({ part: { size: 0 }, kind: "c", "a/b": "x" });
    expect(result.errors.map((e) => [e.pointer, e.message])).toEqual([
      ["/name", "required member is missing"],
      ["/kind", 'must be one of "a", "b"; got "c"'],
      ["/a~1b", "must be integer, not string"],
    ]);
  });

  it("compiles once: the same validator comes back", () => {
    expect(getValidatorFromDir(fixtureSchemas, "thing")).toBe(thing);
  });

  it("refuses an unknown name with the list of known ones", () => {
    expect(() => getValidatorFromDir(fixtureSchemas, "thingy")).toThrowError(/unknown schema "thingy" .*; known schemas: part, thing/);
    expect(() => getValidatorFromDir(fixtureSchemas, "thingy")).toThrowError(LisError);
  });
});

describe("validators of spec 1.0", () => {
  it("names every schema file of the version, including the contract's error schema", () => {
    const names = schemaNames("1.0");
    expect(names).toContain("error");
    expect(names).toEqual([...names].sort());
  });

  it("compiles every schema of the version without strict-mode warnings (no typo'd keywords)", () => {
    expect(schemaWarnings("1.0")).toEqual([]);
  });

  it("caches per name and version", () => {
    expect(getValidator("error")).toBe(getValidator("error", "1.0"));
  });

  it("refuses an unknown version", () => {
    expect(() => getValidator("error", "0.9")).toThrowError(/no schemas for spec version 0\.9/);
  });
});
