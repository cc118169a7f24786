// Shared by the eval and fine-tuning schema tests: each schema's metadata and examples, the project's validators.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadClauses } from "../../tools/clauses/registry.js";
import { getValidator } from "../../tools/validate/validators.js";
import { schemaDir } from "../../tools/util/paths.js";

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

export function describeSchemaExamples(names: readonly string[]): void {
  const dir = schemaDir("1.0");
  const clauseIds = new Set(loadClauses("1.0").map((c) => c.id));
  describe.each(names)("schema %s", (name) => {
    const schema = readJson(join(dir, `${name}.schema.json`)) as Record<string, unknown>;
    const exampleDir = join(dir, "examples", name);
    const files = existsSync(exampleDir) ? readdirSync(exampleDir).filter((f) => f.endsWith(".json")) : [];
    const valid = files.filter((f) => f.startsWith("valid-"));
    const invalid = files.filter((f) => f.startsWith("invalid-"));

    it("carries the contract metadata and has valid and invalid examples", () => {
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`https://lis-spec.org/schemas/1.0/${name}.schema.json`);
      expect(typeof schema.title).toBe("string");
      expect(typeof schema.description).toBe("string");
      expect(schema["x-lis-added-in"]).toBe("1.0");
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    });

    it.each(valid)("accepts %s", (file) => {
      expect(getValidator(name)(readJson(join(exampleDir, file))).errors).toEqual([]);
    });

    it.each(invalid)("rejects %s at its expected pointer", (file) => {
      const example = readJson(join(exampleDir, file)) as { reason: string; clause: string; expectedPointer: string; document: unknown };
      expect(example.reason.length).toBeGreaterThan(10);
      expect(clauseIds, `${file} names clause ${example.clause}`).toContain(example.clause);
      const result = getValidator(name)(example.document);
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.pointer)).toContain(example.expectedPointer);
    });
  });
}
