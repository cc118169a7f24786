/**
 * The frozen requirement set of a spec version: `conformance/<version>/requirements.yaml`, one line per
 * clause of `spec/<version>/` (ID, level, profile, testable, the version that added it). It is generated
 * (`lis generate`), committed, and checked two ways:
 * - a drift gate: `lis generate --check` (and the runner, at load) fail when the spec's clauses no longer
 *   match the file, so a change of a requirement is always an explicit, reviewed change of this file;
 * - a freeze: once a version is released (`status: released`), `lis generate` refuses to rewrite its file —
 *   a released version's requirements never change; the change belongs in the next version's folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadClauses, type Clause } from "../clauses/registry.js";
import { EXIT, LisError } from "../util/errors.js";
import { conformanceDir } from "../util/paths.js";

export type VersionStatus = "draft" | "released";

export const requirementsFile = (version: string) => join(conformanceDir(version), "requirements.yaml");

const STATUS = /^status: (draft|released)$/m;

/** The status a requirements text records: the file is generated, so its header has one fixed form. */
function statusOf(text: string, file: string): VersionStatus {
  const m = STATUS.exec(text);
  if (!m) throw new LisError(`${file}: no \`status: draft\` or \`status: released\` line; restore it (git checkout) and run \`npm run generate\``, EXIT.USAGE);
  return m[1] as VersionStatus;
}

/** The status recorded in a version's requirements file; a version without one is a draft. */
export function versionStatus(version: string): VersionStatus {
  const file = requirementsFile(version);
  return existsSync(file) ? statusOf(readFileSync(file, "utf8"), file) : "draft";
}

// A server clause names its profile; a clause of another conformance class names that class instead.
const line = (c: Clause) =>
  c.withdrawn
    ? `  - { id: ${c.id}, withdrawn: true }`
    : `  - { id: ${c.id}, level: ${c.level}, ${c.profile !== null ? `profile: ${c.profile}` : `class: ${c.class}`}, testable: ${c.testable}, added_in: "${c.addedIn}"${c.splitFrom ? `, split_from: ${c.splitFrom}` : ""} }`;

/** Pure: the file's text for a version's clauses. */
export function renderRequirements(version: string, status: VersionStatus, clauses: readonly Clause[]): string {
  return [
    "# generated — do not edit (lis generate). The requirement set of LIS " + version + ": every clause of",
    `# spec/${version}/ with its level, profile and the version that added it. The runner and \`lis generate --check\``,
    "# fail when the spec drifts from this file; a released version's file is never rewritten.",
    `version: "${version}"`,
    `status: ${status}`,
    "clauses:",
    ...clauses.map(line),
    "",
  ].join("\n");
}

/** The file a fresh generation would write for a version (keeping its recorded status). */
export function freshRequirements(version: string, clauses: readonly Clause[] = loadClauses(version)): string {
  return renderRequirements(version, versionStatus(version), clauses);
}

/**
 * Throws (exit 2) when the committed requirement set of a version differs from its clauses (as already
 * loaded by the caller): the runner must not judge a server against requirements that no one has reviewed.
 */
export function assertRequirementsCurrent(version: string, clauses: readonly Clause[]): void {
  const file = requirementsFile(version);
  if (!existsSync(file)) return;
  const committed = readFileSync(file, "utf8");
  const status = statusOf(committed, file);
  if (committed !== renderRequirements(version, status, clauses)) {
    throw new LisError(
      `spec/${version}/ no longer matches its frozen requirement set ${file}` +
        (status === "released" ? ` (LIS ${version} is released: its clauses may not change; make the change in the next version)` : "; run `npm run generate` and commit the result"),
      EXIT.USAGE,
    );
  }
}
