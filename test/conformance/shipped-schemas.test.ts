import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ROOT, SPEC_VERSIONS, schemaDir } from "../../tools/util/paths.js";
import { getValidator, getValidatorFromDir, precompiledValidators, readableErrors, schemaNames } from "../../tools/validate/validators.js";

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

// The build's precompiled validators (Ajv standalone code) must judge exactly as compiling the schemas does.
describe("precompiled validators", () => {
  /** The generated module, loaded from inside the package (its code requires Ajv's runtime). */
  const loadPrecompiled = (version: string): Record<string, unknown> => {
    mkdirSync(join(ROOT, ".lis-tmp"), { recursive: true });
    const dir = mkdtempSync(join(ROOT, ".lis-tmp", "validators-"));
    try {
      const file = join(dir, `${version}.validators.cjs`);
      writeFileSync(file, precompiledValidators(version));
      return createRequire(import.meta.url)(file) as Record<string, unknown>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const examples = (version: string) => {
    const root = join(schemaDir(version), "examples");
    if (!existsSync(root)) return [];
    return readdirSync(root).flatMap((name) =>
      readdirSync(join(root, name)).filter((f) => f.endsWith(".json")).map((f) => {
        const data = JSON.parse(readFileSync(join(root, name, f), "utf8"));
        return { name, file: f, document: f.startsWith("invalid-") ? data.document : data };
      }));
  };

  it.each([...SPEC_VERSIONS])("%s: the generated module holds every schema and the hash of the schema files", (version) => {
    const exported = loadPrecompiled(version);
    for (const name of schemaNames(version)) expect(typeof exported[name], name).toBe("function");
    expect(exported.__lisSchemaHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([...SPEC_VERSIONS])("%s: precompiled and compiled validators give the same verdicts and errors on every example", (version) => {
    const dir = mkdtempSync(join(tmpdir(), "lis-schemas-"));
    try {
      // A copy is not a shipped folder: its validators are compiled from the schemas.
      cpSync(schemaDir(version), dir, { recursive: true });
      const precompiled = loadPrecompiled(version) as Record<string, ((d: unknown) => boolean) & { errors?: unknown[] | null }>;
      const cases = examples(version);
      expect(cases.length).toBeGreaterThan(20);
      let invalid = 0;
      for (const { name, file: example, document } of cases) {
        const compiled = getValidatorFromDir(dir, name)(document);
        const fast = precompiled[name];
        const valid = fast(document);
        expect(valid, `${name}/${example}`).toBe(compiled.valid);
        expect(readableErrors((fast.errors ?? []) as Parameters<typeof readableErrors>[0]), `${name}/${example}`).toEqual(compiled.errors);
        if (!valid) invalid++;
      }
      expect(invalid).toBeGreaterThan(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
