import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { SPEC_VERSIONS, schemaDir } from "../../tools/util/paths.js";
import { getValidator, schemaNames } from "../../tools/validate/validators.js";

// Runs load the shipped schema sets without checking them against the meta-schema (validators.ts): this
// test is that check.
describe("shipped JSON Schemas", () => {
  it.each([...SPEC_VERSIONS])("every schema of %s is valid JSON Schema 2020-12", (version) => {
    const meta = new Ajv2020({ strict: false });
    const files = readdirSync(schemaDir(version)).filter((f) => f.endsWith(".schema.json"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const schema = JSON.parse(readFileSync(join(schemaDir(version), file), "utf8"));
      expect(meta.validateSchema(schema), `${version}/${file}: ${meta.errorsText()}`).toBe(true);
    }
    expect(meta.validateSchema({ type: "objekt" })).toBe(false);
  });

  it.each([...SPEC_VERSIONS])("every schema of %s compiles", (version) => {
    for (const name of schemaNames(version)) expect(typeof getValidator(name, version)).toBe("function");
  });
});
