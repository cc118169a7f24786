/**
 * Spec versions in the conformance suite. A minor version's suite is not a copy: `conformance/<v>/suite.yaml`
 * says `inherits: "<previous>"`, and the suite of <v> is every case and data file of the versions it
 * inherits from plus its own (a clause ID means the same in every version, VER-015, so a case that tests it
 * stays valid). The requirement set of a version is still frozen: its clauses come from `spec/<v>/`.
 *
 * The runner also uses clause versions to judge fairly: a server that announces only 1.0 is not failed on
 * clauses that 1.1 added (their verdict is not-applicable).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT, LisError } from "../util/errors.js";
import { conformanceDir } from "../util/paths.js";
import { parseYaml } from "./yaml-data.js";

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The versions whose suites make up `version`'s, the base first: ["1.0", "1.1"] for 1.1. */
export function suiteChain(version: string): string[] {
  const chain: string[] = [];
  for (let v: string | undefined = version; v !== undefined; ) {
    if (chain.includes(v)) throw new LisError(`conformance/${v}/suite.yaml: inheritance cycle (${[...chain, v].join(" → ")})`, EXIT.USAGE);
    chain.unshift(v);
    v = inheritsFrom(v);
  }
  return chain;
}

function inheritsFrom(version: string): string | undefined {
  const file = join(conformanceDir(version), "suite.yaml");
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new LisError(`${file}: ${(err as Error).message.split("\n")[0]}`, EXIT.USAGE);
  }
  const inherits = (data as { inherits?: unknown } | null)?.inherits;
  if (inherits === undefined) return undefined;
  if (typeof inherits !== "string" || !VERSION.test(inherits) || compareVersions(inherits, version) >= 0) {
    throw new LisError(`${file}: \`inherits\` must be an earlier version as a quoted "MAJOR.MINOR" string, got ${JSON.stringify(inherits)}`, EXIT.USAGE);
  }
  if (!existsSync(conformanceDir(inherits))) throw new LisError(`${file}: inherits ${inherits}, but there is no conformance/${inherits}/`, EXIT.USAGE);
  return inherits;
}

/**
 * The inherited cases that the versions of `version`'s chain revise (`revises:` in their suite.yaml, case
 * id → why), each with where it is listed: the version's own case of the same id replaces the inherited
 * one. A clause ID keeps its meaning across versions (VER-015), but a minor version that corrects a clause
 * (spec/1.0/ERRATA.md) may need an inherited case to judge it differently; revising keeps the case id, so
 * baselines and reports keep referring to it.
 */
export function revisedCases(version: string): Map<string, { why: string; file: string; line: number }> {
  const revised = new Map<string, { why: string; file: string; line: number }>();
  for (const v of suiteChain(version)) {
    const file = join(conformanceDir(v), "suite.yaml");
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const revises = (parseYaml(text) as { revises?: unknown } | null)?.revises;
    if (revises === undefined) continue;
    if (typeof revises !== "object" || revises === null || Array.isArray(revises) || Object.values(revises).some((why) => typeof why !== "string" || why.trim() === "")) {
      throw new LisError(`${file}: \`revises\` must map each revised case id to the reason for the revision`, EXIT.USAGE);
    }
    const lines = text.split("\n");
    for (const [id, why] of Object.entries(revises as Record<string, string>)) {
      const line = lines.findIndex((l) => /^\s/.test(l) && l.trim().startsWith(`${id}:`)) + 1;
      revised.set(id, { why, file, line: line || 1 });
    }
  }
  return revised;
}

/** A data file (e.g. fault-dependants.yaml) of every version of the chain that has one, the base first. */
export function chainFiles(version: string, name: string): string[] {
  return suiteChain(version)
    .map((v) => join(conformanceDir(v), name))
    .filter((f) => existsSync(f));
}

/** The entries of a data file's top-level map `key`, over the version's chain, the base first. */
export function chainEntries<T>(version: string, name: string, key: string): [string, T][] {
  return chainFiles(version, name).flatMap((file) => Object.entries((parseYaml(readFileSync(file, "utf8")) as Record<string, Record<string, T>> | null)?.[key] ?? {}));
}

/** Numeric order of MAJOR.MINOR strings. */
export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/**
 * The newest version a server implements within `spec`'s major version, from the versions it announces
 * (discovery `lis_versions`, else its `LIS-Version` header); undefined when it announces none of that major
 * (then it is judged as claiming `spec`).
 */
export function serverCeiling(spec: string, announced: readonly string[] | undefined): string | undefined {
  const major = spec.split(".")[0];
  const same = (announced ?? []).map((v) => /^(\d+\.\d+)/.exec(v.trim())?.[1]).filter((v): v is string => v !== undefined && v.split(".")[0] === major);
  return same.sort(compareVersions).at(-1);
}
