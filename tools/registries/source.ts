/**
 * Where a version's registry table lives: in its area document (http.md, errors.md), unless the version's
 * errata (spec/<version>/ERRATA.md) carry a corrected table under the same heading — a released version's
 * text is frozen, so its corrections live there (spec/1.0/ERRATA.md).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EXIT, LisError } from "../util/errors.js";
import { ROOT, specDir } from "../util/paths.js";
import { tableUnder, type Table } from "./tables.js";

export const ERRATA_FILE = "ERRATA.md";

export interface SourcedTable extends Table {
  /** The document the table was read from, relative to the package root. */
  file: string;
}

/**
 * The table under `## <heading>` of the version's errata, else of `areaFile`, in `dir` (the version's spec
 * folder unless a draft folder is given); a LisError (exit 2) when neither has it.
 */
export function registryTable(version: string, areaFile: string, heading: string, dir = specDir(version)): SourcedTable {
  if (!existsSync(dir)) throw new LisError(`no spec for version ${version} (looked in ${dir})`, EXIT.USAGE);
  for (const name of [ERRATA_FILE, areaFile]) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const table = tableUnder(readFileSync(path, "utf8"), heading);
    if (table) return { ...table, file: relative(ROOT, path) };
  }
  throw new LisError(`${relative(ROOT, join(dir, areaFile))} has no table under "## ${heading}"`, EXIT.USAGE);
}

/** Throws a LisError (exit 2) listing each problem of a registry table as file:line. */
export function refuse(what: string, problems: { file: string; line: number; message: string }[]): void {
  if (problems.length === 0) return;
  throw new LisError(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the ${what}:\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join("\n")}`, EXIT.USAGE);
}
