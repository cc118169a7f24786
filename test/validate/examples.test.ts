// Every schema of 1.0 carries its metadata, and every example under schemas/1.0/examples/<name>/ goes through
// the library validators: valid ones validate, invalid ones fail for their stated reason (an error at
// expectedPointer) and name a live clause.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getValidator, schemaNames } from "../../tools/validate/validators.js";
import { loadClauses } from "../../tools/clauses/registry.js";
import { schemaDir } from "../../tools/util/paths.js";

const examplesDir = join(schemaDir("1.0"), "examples");
const names = schemaNames("1.0");
const clauses = new Map(loadClauses("1.0").map((c) => [c.id, c]));
const exampleFolders = existsSync(examplesDir) ? readdirSync(examplesDir).sort() : [];

interface InvalidExample {
  reason: string;
  clause: string;
  expectedPointer: string;
  document: unknown;
}

const read = (name: string, file: string): unknown => JSON.parse(readFileSync(join(examplesDir, name, file), "utf8"));

it("every example folder is named after a schema of the version", () => {
  expect(exampleFolders.filter((f) => !names.includes(f))).toEqual([]);
});

describe.each(names)("examples of %s", (name) => {
  it("the schema carries the contract metadata ($schema, $id, title, description, x-lis-added-in)", () => {
    const schema = JSON.parse(readFileSync(join(schemaDir("1.0"), `${name}.schema.json`), "utf8")) as Record<string, unknown>;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(`https://lis-spec.org/schemas/1.0/${name}.schema.json`);
    expect(typeof schema.title).toBe("string");
    expect(typeof schema.description).toBe("string");
    expect(schema["x-lis-added-in"]).toBe("1.0");
  });

  const files = existsSync(join(examplesDir, name)) ? readdirSync(join(examplesDir, name)).sort() : [];
  const valid = files.filter((f) => /^valid-.+\.json$/.test(f));
  const invalid = files.filter((f) => /^invalid-.+\.json$/.test(f));

  it("has at least one valid and one invalid example, and no other files", () => {
    expect(valid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
    expect(files.length).toBe(valid.length + invalid.length);
  });

  it.each(valid)("%s validates", (file) => {
    const result = getValidator(name)(read(name, file));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(invalid)("%s fails for its stated reason", (file) => {
    const example = read(name, file) as InvalidExample;
    expect(Object.keys(example).sort()).toEqual(["clause", "document", "expectedPointer", "reason"]);
    expect(example.reason.trim().length).toBeGreaterThan(10);
    const clause = clauses.get(example.clause);
    expect(clause, `${file} names ${example.clause}, which spec 1.0 does not define`).toBeDefined();
    expect(clause?.withdrawn, `${file} names a withdrawn clause`).toBe(false);
    const result = getValidator(name)(example.document);
    expect(result.valid).toBe(false);
    expect(
      result.errors.map((e) => e.pointer),
      `${file}: no error at ${example.expectedPointer}; errors: ${JSON.stringify(result.errors)}`,
    ).toContain(example.expectedPointer);
  });
});
