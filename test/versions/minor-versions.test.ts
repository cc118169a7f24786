/**
 * The rules for a new minor version (spec/1.0/versioning.md, VER-010 to VER-016), checked on every pair of
 * consecutive versions of the same major in the checkout (today 1.0 → 1.1): nothing breaking (`lis diff`,
 * the CI gate), no clause lost or renumbered, no new MUST in an existing profile, every addition labelled
 * with the version that added it, and every addition named in CHANGELOG.md.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadClauses, type Clause } from "../../tools/clauses/registry.js";
import { ROOT, SPEC_VERSIONS, schemaDir } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

/** Consecutive versions of the same major: [previous, next]. */
const pairs = SPEC_VERSIONS.slice(1)
  .map((v, i) => [SPEC_VERSIONS[i], v] as const)
  .filter(([a, b]) => a.split(".")[0] === b.split(".")[0]);

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(readFileSync(file, "utf8")) as Json;
const schemaFiles = (version: string) => readdirSync(schemaDir(version)).filter((f) => f.endsWith(".schema.json")).sort();

/**
 * Every schema file and schema member a version marks as added by it (`x-lis-added-in`); that the marks sit
 * exactly on what the version adds is checked in test/schemas/versions.test.ts.
 */
function markedAdditions(version: string): { file: string; name: string }[] {
  const out: { file: string; name: string }[] = [];
  for (const file of schemaFiles(version)) {
    const doc = readJson(join(schemaDir(version), file));
    if (doc["x-lis-added-in"] === version) out.push({ file, name: file });
    (function walk(node: unknown): void {
      if (typeof node !== "object" || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        if (key === "properties" && typeof child === "object" && child !== null) {
          for (const [name, prop] of Object.entries(child)) if ((prop as Json)?.["x-lis-added-in"] === version) out.push({ file, name });
        }
        walk(child);
      }
    })(doc);
  }
  return out;
}

/** The CHANGELOG section of a spec version: from its "## Spec X" heading to the next level-2 heading. */
function changelogSection(version: string): string {
  const text = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
  const start = text.search(new RegExp(`^## .*\\bSpec ${version.replace(".", "\\.")}\\b`, "m"));
  if (start === -1) return "";
  const rest = text.slice(start + 3);
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

describe.each(pairs)("minor version %s → %s", (prev, next) => {
  const before = new Map(loadClauses(prev).map((c) => [c.id, c]));
  const after = loadClauses(next);
  const added = after.filter((c) => !before.has(c.id));
  const profilesBefore = new Set([...before.values()].filter((c) => !c.withdrawn).map((c) => c.profile));

  it("adds clauses, and labels exactly those with `Added-in: <version>` (VER-016)", () => {
    expect(added.length).toBeGreaterThan(0);
    for (const c of added) expect(c.addedIn, `${c.id} (${c.file}:${c.line})`).toBe(next);
    for (const c of after.filter((x) => before.has(x.id))) expect(c.addedIn, `${c.id} keeps the version that added it`).toBe(before.get(c.id)!.addedIn);
  });

  it("keeps every clause ID, and never raises a level (VER-011, VER-015)", () => {
    const ids = new Set(after.map((c) => c.id));
    const rank = { MAY: 0, SHOULD: 1, MUST: 2 } as const;
    for (const c of before.values()) {
      expect(ids.has(c.id), `${c.id} disappeared; a removed clause stays listed as withdrawn`).toBe(true);
      const now = after.find((x) => x.id === c.id)!;
      if (!now.withdrawn && !c.withdrawn) expect(rank[now.level], `${c.id} level`).toBeLessThanOrEqual(rank[c.level]);
    }
  });

  it("adds no MUST clause to a profile that already existed, nor a client or runner MUST to an existing area, except by splitting a MUST (VER-011)", () => {
    const areasBefore = new Set([...before.values()].map((c) => c.area));
    const rank = { MAY: 0, SHOULD: 1, MUST: 2 } as const;
    // A split restates part of a requirement the previous version already had, at most at its level.
    const restates = (c: Clause) => c.splitFrom !== undefined && before.has(c.splitFrom) && rank[c.level] <= rank[before.get(c.splitFrom)!.level];
    const binds = (c: Clause) =>
      c.class === "server" ? profilesBefore.has(c.profile!) : (c.class === "client" || c.class === "evaluation-runner") && areasBefore.has(c.area);
    const offending = added.filter((c: Clause) => c.level === "MUST" && binds(c) && !restates(c)).map((c) => `${c.id} (${c.profile ?? c.class})`);
    expect(offending).toEqual([]);
    // The rule can fail: a MUST split from a SHOULD would be a new requirement.
    expect(restates({ ...added[0], level: "MUST", splitFrom: [...before.values()].find((c) => c.level === "SHOULD")!.id })).toBe(false);
  });

  it("names every added clause and schema in CHANGELOG.md", () => {
    const section = changelogSection(next);
    expect(section, `CHANGELOG.md has a "## … Spec ${next}" section`).not.toBe("");
    const missing = [
      ...added.map((c) => c.id).filter((id) => !section.includes(id)),
      ...markedAdditions(next)
        .filter((a) => !section.includes(a.file) || (a.name !== a.file && !section.includes(`\`${a.name}\``)))
        .map((a) => (a.name === a.file ? a.file : `${a.file} \`${a.name}\``)),
    ];
    expect(markedAdditions(next).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});

describe.each(pairs)("the CI gate: lis diff %s → %s", (prev, next) => {
  const tmp = mkdtempSync(join(tmpdir(), "lis-minor-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("finds no breaking change between the schema folders, and does see the additions", () => {
    const r = runCli(["diff", `schemas/${prev}`, `schemas/${next}`, "--fail-on", "breaking", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const changes = (JSON.parse(r.stdout) as { changes: { classification: string }[] }).changes;
    expect(changes.some((c) => c.classification === "non-breaking")).toBe(true);
  });

  it("finds no breaking change between the OpenAPI documents", () => {
    const r = runCli(["diff", `schemas/${prev}/openapi.yaml`, `schemas/${next}/openapi.yaml`, "--fail-on", "breaking"]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("fails (exit 1) when the new version removes a response member, so the gate can fail", () => {
    const copy = join(tmp, next);
    cpSync(schemaDir(next), copy, { recursive: true });
    const file = join(copy, "chat-completion.schema.json");
    const doc = readJson(file) as { required: string[]; properties: Json };
    doc.required = doc.required.filter((k) => k !== "usage");
    delete doc.properties.usage;
    writeFileSync(file, JSON.stringify(doc, null, 2));
    expect(existsSync(file)).toBe(true);
    const r = runCli(["diff", `schemas/${prev}`, copy, "--fail-on", "breaking"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/breaking/);
  });
});
