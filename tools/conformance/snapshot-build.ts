/**
 * Build step (`npm run build`, after tsc): writes the precompiled case suite of every spec version
 * (snapshot.ts) to dist/conformance/<version>.cases.json. A version whose cases do not load gets no
 * snapshot (a stale one is removed) and a warning: its runs parse the YAML and report the problems there,
 * with file and line, so a broken case file never breaks installing the tool.
 *
 *   node dist/tools/conformance/snapshot-build.js
 */
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { loadClauses } from "../clauses/registry.js";
import { ROOT, SPEC_VERSIONS } from "../util/paths.js";
import { buildSnapshot, snapshotPath, suiteCaseFiles, suiteLoadContext, writeSnapshot } from "./snapshot.js";

for (const version of SPEC_VERSIONS) {
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
