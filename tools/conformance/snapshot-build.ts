/**
 * Build step (`npm run build`, after tsc): writes what a cold `lis conformance` would otherwise compute at
 * start, for every spec version:
 * - the precompiled case suite (snapshot.ts) → dist/conformance/<version>.cases.json;
 * - the schema validators as Ajv standalone code (validators.ts) → dist/schemas/<version>.validators.cjs;
 * - the JSON Schemas that cases send (response_format, tool parameters) as Ajv standalone code
 *   (checks/schema-compiler.ts) → dist/conformance/inline-validators.cjs;
 * - the suite's YAML data files as JSON (yaml-data.ts) → dist/conformance/yaml-data.json.
 * Runs use each only while it matches its source files exactly. A version whose cases or schemas do not
 * load gets none (a stale one is removed) and a warning: its runs load from source and report the problem
 * there (case files with file and line), so a broken case file never breaks installing the tool.
 *
 *   node dist/tools/conformance/snapshot-build.js
 */
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { loadClauses } from "../clauses/registry.js";
import { ROOT, SPEC_VERSIONS } from "../util/paths.js";
// Whole files only: two builds at once never mix their bytes.
import { writeAtomically } from "../util/write-atomically.js";
import { precompiledPath, precompiledValidators } from "../validate/validators.js";
import { precompiledInlineValidators, inlineValidatorsPath } from "./checks/schema-compiler.js";
import type { Case } from "./model.js";
import { loadSyntheticConfig } from "./synthetic.js";
import { loadPrerequisites } from "./prerequisites.js";
import { recordYamlData, yamlDataPath } from "./yaml-data.js";
import { buildSnapshot, snapshotPath, suiteCaseFiles, suiteLoadContext, writeSnapshot } from "./snapshot.js";

/** The schemas a case's requests carry where the checks read them: response_format.json_schema.schema and tool parameters. */
function requestSchemas(c: Case): unknown[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const out: unknown[] = [];
  for (const step of c.steps) {
    const body = step.request.body;
    if (!isObject(body)) continue;
    const format = body.response_format;
    if (isObject(format) && format.type === "json_schema" && isObject(format.json_schema) && format.json_schema.schema !== undefined) out.push(format.json_schema.schema);
    if (Array.isArray(body.tools)) for (const t of body.tools) if (isObject(t) && isObject(t.function)) out.push(t.function.parameters ?? { type: "object" });
  }
  return out;
}

const inlineSchemas: unknown[] = [];
for (const version of SPEC_VERSIONS) {
  const validators = precompiledPath(version);
  try {
    const code = precompiledValidators(version);
    writeAtomically(validators, code);
    console.log(`schemas ${version}: validators → ${relative(ROOT, validators)}`);
  } catch (err) {
    rmSync(validators, { force: true });
    process.stderr.write(`warning: no precompiled validators for ${version} (runs will compile the schemas): ${(err as Error).message}\n`);
  }

  const out = snapshotPath(version);
  try {
    const files = suiteCaseFiles(version);
    if (files.length === 0) continue;
    const snapshot = buildSnapshot(files, suiteLoadContext(version, loadClauses(version)));
    writeSnapshot(out, snapshot);
    for (const c of snapshot.cases) inlineSchemas.push(...requestSchemas(c));
    console.log(`case suite ${version}: ${snapshot.cases.length} cases from ${files.length} files → ${relative(ROOT, out)}`);
  } catch (err) {
    rmSync(out, { force: true });
    process.stderr.write(`warning: no precompiled case suite for ${version} (runs will parse the YAML): ${(err as Error).message}\n`);
  }
}

try {
  writeAtomically(inlineValidatorsPath, precompiledInlineValidators(inlineSchemas));
  console.log(`request schemas: ${new Set(inlineSchemas.map((x) => JSON.stringify(x))).size} → ${relative(ROOT, inlineValidatorsPath)}`);
} catch (err) {
  rmSync(inlineValidatorsPath, { force: true });
  process.stderr.write(`warning: no precompiled request schemas (runs will compile them): ${(err as Error).message}\n`);
}

// The data files every run reads (suite inheritance, response schemas), parsed once here.
try {
  const table = recordYamlData(() => {
    for (const version of SPEC_VERSIONS) {
      loadSyntheticConfig(version);
      loadPrerequisites(version);
    }
  });
  writeAtomically(yamlDataPath, table);
  console.log(`yaml data: ${Object.keys(JSON.parse(table).values).length} texts → ${relative(ROOT, yamlDataPath)}`);
} catch (err) {
  rmSync(yamlDataPath, { force: true });
  process.stderr.write(`warning: no precompiled YAML data (runs will parse the files): ${(err as Error).message}\n`);
}
