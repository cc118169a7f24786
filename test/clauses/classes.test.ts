/**
 * Each clause of 1.1 binds exactly one conformance class and states one level (conventions.md, "Clause
 * form", "Conformance classes"), and the errata of 1.0 record exactly where 1.0 did not: the tables of
 * spec/1.0/ERRATA.md are checked against what the registry finds in 1.0's text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE_CLASSES, levelsOf, loadClauses, PROFILE_CLASS, type Clause } from "../../tools/clauses/registry.js";
import { plain, tableUnder } from "../../tools/registries/tables.js";
import { specDir } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

const live = (version: string) => loadClauses(version).filter((c) => !c.withdrawn);
const prose = (text: string) => text.replace(/`[^`\n]*`/g, " ");
const errata = readFileSync(join(specDir("1.0"), "ERRATA.md"), "utf8");

/** A requirement whose grammatical subject is a product of another class ("A client MUST", "the runner SHOULD"). */
const OTHER_SUBJECT = /\b(?:[Aa]n?|[Tt]he|[Ee]very|[Ee]ach)\s+(?:[a-z-]+\s+)?(?:clients?|runners?|editors?|reports?)\s+(?:also\s+)?(?:MUST|SHOULD|MAY)\b/;

/** Words that a clause of each class speaks about, so that a clause of the wrong class stands out. */
const SUBJECT_OF: Record<string, RegExp> = {
  client: /\bclients?\b/,
  "evaluation-runner": /\b(runners?|reports?|tools?|requests?|measur\w*|percentiles?)\b/,
  "spec-editor": /\b(minor version|major version|schemas?|clause|deprecat\w*|enum)\b/i,
};

describe("conformance classes of spec 1.1", () => {
  const clauses = live("1.1");

  it("gives every clause exactly one class, a known one", () => {
    for (const c of clauses) {
      expect(CONFORMANCE_CLASSES, c.id).toContain(c.class);
      // The heading names a profile or a class, never both: a server clause has a server profile; a clause of
      // another class has none, or a profile of that class (performance: benchmark tools).
      if (c.class === "server") expect(c.profile, c.id).not.toBeNull();
      if (c.profile !== null) expect(PROFILE_CLASS[c.profile] ?? "server", `${c.id}: ${c.class} with profile ${c.profile}`).toBe(c.class);
    }
    const classes = new Set(clauses.map((c) => c.class));
    expect([...classes].sort()).toEqual([...CONFORMANCE_CLASSES].sort());
  });

  it("keeps clauses of other classes out of the conformance run: they are not testable and have no fault", () => {
    for (const c of clauses.filter((x) => x.class !== "server")) {
      expect(c.testable, `${c.id} (${c.class}) is judged on the wire?`).toBe(false);
      expect(c.observable, `${c.id} (${c.class}) has a reference-server fault?`).toBe(false);
    }
  });

  it("puts each requirement on the class its clause names: no server clause binds a client, a runner or an editor", () => {
    const wrong = clauses
      .filter((c) => c.class === "server")
      .flatMap((c) => prose(c.text).split(/(?<=[.;:])\s+/).filter((s) => OTHER_SUBJECT.test(s)).map((s) => `${c.id}: ${s}`));
    expect(wrong).toEqual([]);
    for (const c of clauses.filter((x) => x.class !== "server")) expect(prose(c.text), `${c.id} (${c.class})`).toMatch(SUBJECT_OF[c.class]);
  });

  it("gives the 1.0 clauses the classes that the errata of 1.0 list (every other one is a server clause)", () => {
    const table = tableUnder(errata, "Conformance classes");
    expect(table, "spec/1.0/ERRATA.md has a table under \"## Conformance classes\"").toBeDefined();
    const listed = new Map(table!.rows.map((r) => [plain(r.cells.Clause), plain(r.cells["Class in 1.1"])]));
    const now = new Map(clauses.map((c) => [c.id, c.class]));
    for (const old of live("1.0")) expect(now.get(old.id), old.id).toBe(listed.get(old.id) ?? "server");
  });

  it("lis clauses --class lists one class; --format json carries class and profile", () => {
    const r = runCli(["clauses", "--spec", "1.1", "--class", "evaluation-runner", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{ id: string; class: string; profile: string | null }>;
    expect(listed.map((c) => c.id)).toEqual(clauses.filter((c) => c.class === "evaluation-runner").map((c) => c.id));
    for (const c of listed) expect(c).toMatchObject({ class: "evaluation-runner", profile: c.id.startsWith("PERF-") ? "performance" : null });
    const all = JSON.parse(runCli(["clauses", "--spec", "1.1", "--format", "json"]).stdout) as Array<{ id: string; class: string; profile: string | null }>;
    expect(all.find((c) => c.id === "CHAT-001")).toMatchObject({ class: "server", profile: "core" });
    expect(runCli(["clauses", "--class", "tester"]).status).toBe(2);
  });
});

describe("levels of the clauses", () => {
  it("no clause of 1.1 mixes levels (a requirement and a recommendation or permission are two clauses)", () => {
    const mixed = live("1.1").filter((c) => levelsOf(c.text).length > 1).map((c) => `${c.id}: ${levelsOf(c.text).join(", ")}`);
    expect(mixed).toEqual([]);
  });

  it("every clause's level is the level of its keywords", () => {
    for (const version of ["1.0", "1.1"]) for (const c of live(version)) expect(levelsOf(c.text), `${version} ${c.id}`).toContain(c.level);
  });

  it("the errata of 1.0 list exactly the 1.0 clauses that mix levels, with their levels", () => {
    const table = tableUnder(errata, "Clauses that mix levels");
    expect(table).toBeDefined();
    const listed = table!.rows.map((r) => `${plain(r.cells.Clause)}: ${plain(r.cells["Levels in 1.0"])}`);
    const found = live("1.0").filter((c) => levelsOf(c.text).length > 1).map((c) => `${c.id}: ${levelsOf(c.text).sort(byRank).join(", ")}`);
    expect(listed).toEqual(found);
    expect(found).toHaveLength(11);
  });
});

const RANK = { MUST: 0, SHOULD: 1, MAY: 2 } as const;
const byRank = (a: keyof typeof RANK, b: keyof typeof RANK) => RANK[a] - RANK[b];

describe("clauses split in 1.1", () => {
  const before = new Map(loadClauses("1.0").map((c) => [c.id, c]));
  const split = loadClauses("1.1").filter((c): c is Clause & { splitFrom: string } => c.splitFrom !== undefined);

  it("come from a live clause of 1.0, are new in 1.1, and state at most the level of their origin", () => {
    expect(split.length).toBeGreaterThan(0);
    for (const c of split) {
      const origin = before.get(c.splitFrom);
      expect(origin && !origin.withdrawn, `${c.id} is split from ${c.splitFrom}, which 1.0 does not have`).toBe(true);
      expect(before.has(c.id), `${c.id} existed in 1.0`).toBe(false);
      expect(c.addedIn).toBe("1.1");
      expect(RANK[c.level], `${c.id} (${c.level}) is stronger than ${c.splitFrom} (${origin!.level})`).toBeGreaterThanOrEqual(RANK[origin!.level]);
    }
  });

  it("are the clauses that the errata of 1.0 name for each mixed clause, or DISC-009 for DISC-004's runner part", () => {
    for (const c of split) expect(errata, `spec/1.0/ERRATA.md names ${c.id}`).toContain(c.id);
  });
});
