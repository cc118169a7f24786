/**
 * The precompiled case suite. Parsing ~210 KB of case YAML and compiling the case and check-argument
 * schemas was most of a cold `lis conformance` run's loading time, so the build (snapshot-build.ts) loads
 * every version's case files once through the loader (load.ts, full validation) and writes the loaded
 * cases as JSON to dist/conformance/<version>.cases.json, with the sha256 of each source file.
 *
 * A run uses the snapshot only when it describes exactly the files the run would parse (same list, same
 * bytes) and was made against the same registry (tool version, case schema, loader, clause ids, checks
 * and their argument schemas, schema names); otherwise it parses the YAML as always. So an edited case
 * file just works, and every problem is still reported from the YAML path with its exact file and line.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { serverClauses, type Clause } from "../clauses/registry.js";
import { ROOT, packageVersion } from "../util/paths.js";
import { writeAtomically } from "../util/write-atomically.js";
import { schemaNames } from "../validate/validators.js";
import { checkRegistry } from "./checks/index.js";
import type { Case } from "./model.js";
import { caseFiles, caseSchemaPath, defaultCasesDir, displayPath, loadCases, type LoadContext } from "./load.js";
import { revisedCases, suiteChain } from "./versions.js";

/** Bumped when the snapshot's layout changes. */
const FORMAT = 1;
/** Far above any real suite: a bigger file is not ours, and is not read. */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export interface SuiteSnapshot {
  format: number;
  toolVersion: string;
  /** sha256 of everything besides the case files that decides what loading them yields. */
  registry: string;
  /** The case files in load order, relative to the snapshot's base folder. */
  files: { path: string; sha256: string }[];
  /** The loaded cases; `source.file` relative to the base folder, as in `files`. */
  cases: Case[];
}

/** A version's case files: its own plus those of the versions it inherits from (versions.ts), the base first. */
export function suiteCaseFiles(version: string): string[] {
  return suiteChain(version).flatMap((v) => (existsSync(defaultCasesDir(v)) ? caseFiles(defaultCasesDir(v)) : []));
}

/**
 * What a version's cases are checked against: the clauses that bind servers (cases judge servers only),
 * the check registry, its schema names, and the inherited cases that it revises.
 */
export function suiteLoadContext(version: string, clauses: Clause[]): LoadContext {
  return {
    clauseIds: new Set(serverClauses(clauses).map((c) => c.id)),
    otherClauses: new Map(clauses.filter((c) => c.class !== "server").map((c) => [c.id, c.class])),
    checks: checkRegistry,
    schemaNames: new Set(schemaNames(version)),
    revises: revisedCases(version),
  };
}

/** Where the build writes a version's snapshot. */
export const snapshotPath = (version: string) => join(ROOT, "dist", "conformance", `${version}.cases.json`);

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * The loader module that runs (dist/…/load.js for the CLI, load.ts under vitest): a changed loader may load
 * the same files differently. Its compiled code ships with the package, so installed copies match too.
 */
const self = fileURLToPath(import.meta.url);
const loaderSource = join(dirname(self), `load${extname(self)}`);

/** A fingerprint of the registry that case loading checks against (and of the rules that load them). */
export function registryFingerprint(context: LoadContext): string {
  const text = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : null);
  return sha256(JSON.stringify({
    format: FORMAT,
    caseSchema: text(caseSchemaPath),
    loader: text(loaderSource),
    clauses: context.clauseIds ? [...context.clauseIds].sort() : null,
    schemas: context.schemaNames ? [...context.schemaNames].sort() : null,
    checks: context.checks ? [...context.checks.values()].map((c) => [c.name, c.args ?? null]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))) : null,
    revises: context.revises ? [...context.revises.keys()].sort() : null,
  }));
}

/** Loads the files through the loader (full validation; throws CaseFileError) and makes their snapshot. */
export function buildSnapshot(files: string[], context: LoadContext, base = ROOT): SuiteSnapshot {
  const cases = loadCases(files, context);
  const relativeOf = new Map(files.map((f) => [displayPath(f), relative(base, f)]));
  const problem = nonJson(cases, "cases");
  if (problem) throw new Error(`cannot snapshot the cases: ${problem} is not JSON data`);
  return {
    format: FORMAT,
    toolVersion: packageVersion,
    registry: registryFingerprint(context),
    files: files.map((f) => ({ path: relative(base, f), sha256: sha256(readFileSync(f)) })),
    cases: cases.map((c) => ({ ...c, source: { ...c.source, file: relativeOf.get(c.source.file) ?? c.source.file } })),
  };
}

/** Written whole or not at all: a run never reads half a snapshot. */
export const writeSnapshot = (file: string, snapshot: SuiteSnapshot): void => writeAtomically(file, JSON.stringify(snapshot));

/**
 * The snapshot's cases when it matches these files and this registry exactly; undefined when it is
 * missing, unreadable or stale (then the caller parses the YAML).
 */
export function snapshotCases(file: string, files: string[], context: LoadContext, base = ROOT): Case[] | undefined {
  let snapshot: SuiteSnapshot;
  try {
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) > MAX_SNAPSHOT_BYTES) return undefined;
    snapshot = JSON.parse(readFileSync(file, "utf8")) as SuiteSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot?.format !== FORMAT || snapshot.toolVersion !== packageVersion || !Array.isArray(snapshot.files) || !Array.isArray(snapshot.cases)) return undefined;
  if (snapshot.files.length !== files.length) return undefined;
  for (const [i, f] of files.entries()) {
    const entry = snapshot.files[i];
    if (entry.path !== relative(base, f)) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      return undefined;
    }
    if (entry.sha256 !== sha256(bytes)) return undefined;
  }
  // Last: the fingerprint reads the case schema and the loader's source.
  if (snapshot.registry !== registryFingerprint(context)) return undefined;
  return snapshot.cases.map((c) => ({ ...c, source: { ...c.source, file: displayPath(join(base, c.source.file)) } }));
}

/** The cases of these files: from the snapshot when it is fresh, else parsed and checked from YAML. */
export function loadCasesWithSnapshot(file: string, files: string[], context: LoadContext, base = ROOT): { cases: Case[]; fromSnapshot: boolean } {
  const cached = snapshotCases(file, files, context, base);
  return cached ? { cases: cached, fromSnapshot: true } : { cases: loadCases(files, context), fromSnapshot: false };
}

/** The path of the first value in `value` that a JSON round trip would not keep, if any. */
function nonJson(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean" || value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      if (v === undefined) return `${path}[${i}]`;
      const p = nonJson(v, `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      const p = nonJson(v, `${path}.${k}`);
      if (p) return p;
    }
    return undefined;
  }
  return path;
}
