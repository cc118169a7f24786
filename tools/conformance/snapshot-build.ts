/**
 * Build step (`npm run build`, after tsc): writes what a cold `lis conformance` would otherwise compute at
 * start, for every spec version:
 * - the precompiled case suite (snapshot.ts) → dist/conformance/<version>.cases.json;
 * - the schema validators as Ajv standalone code (validators.ts) → dist/schemas/<version>.validators.cjs.
 * Runs use each only while it matches its source files exactly. A version whose cases or schemas do not
 * load gets none (a stale one is removed) and a warning: its runs load from source and report the problem
 * there (case files with file and line), so a broken case file never breaks installing the tool.
 *
 *   node dist/tools/conformance/snapshot-build.js
 */
import { mkdirSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { dirname, relative } from "node:path";
import { loadClauses } from "../clauses/registry.js";
import { ROOT, SPEC_VERSIONS } from "../util/paths.js";
import { precompiledPath, precompiledValidators } from "../validate/validators.js";
import { buildSnapshot, snapshotPath, suiteCaseFiles, suiteLoadContext, writeSnapshot } from "./snapshot.js";

for (const version of SPEC_VERSIONS) {
  const validators = precompiledPath(version);
  try {
    const code = precompiledValidators(version);
    mkdirSync(dirname(validators), { recursive: true });
    writeFileSync(`${validators}.${process.pid}.tmp`, code);
    renameSync(`${validators}.${process.pid}.tmp`, validators);
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
    console.log(`case suite ${version}: ${snapshot.cases.length} cases from ${files.length} files → ${relative(ROOT, out)}`);
  } catch (err) {
    rmSync(out, { force: true });
    process.stderr.write(`warning: no precompiled case suite for ${version} (runs will parse the YAML): ${(err as Error).message}\n`);
  }
}
