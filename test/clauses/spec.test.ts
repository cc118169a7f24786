import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/util/paths.js";
import { loadClauses, specVersions, PROFILES, AREAS } from "../../tools/clauses/registry.js";
import { runCli } from "../support/cli.js";

/**
 * Clauses per area in spec 1.0, exactly: update this table in the same commit that adds or withdraws clauses
 * (IDs are never reused and a withdrawn clause stays listed, so counts only grow).
 */
const EXPECTED_PER_AREA: Record<string, number> = {
  CONV: 2,
  HTTP: 28,
  ERR: 21,
  MODEL: 11,
  CHAT: 42,
  STREAM: 22,
  TOOL: 22,
  STRUCT: 13,
  EMB: 25,
  CLS: 10,
  META: 7,
  MM: 7,
  DISC: 8,
  FT: 14,
  EVAL: 8,
  VER: 17,
};

describe("the clause registry of spec 1.0", () => {
  const clauses = loadClauses("1.0");

  it("has unique IDs", () => {
    const ids = clauses.map((c) => c.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    expect(new Set(ids).size).toBe(clauses.length);
  });

  it("has the expected number of clauses per area", () => {
    const counts: Record<string, number> = {};
    for (const c of clauses) counts[c.area] = (counts[c.area] ?? 0) + 1;
    for (const [area, expected] of Object.entries(EXPECTED_PER_AREA)) {
      expect(counts[area] ?? 0, `clauses in ${area}`).toBe(expected);
    }
    // Every area that has clauses is in the table, so that a new area cannot slip in unchecked.
    for (const [area, n] of Object.entries(counts)) {
      expect(Object.keys(EXPECTED_PER_AREA), `area ${area} has ${n} clauses: add it to EXPECTED_PER_AREA in test/clauses/spec.test.ts`).toContain(area);
    }
  });

  it("gives every clause a known profile, a level keyword in its text and its area's prefix", () => {
    for (const c of clauses) {
      expect(PROFILES, c.id).toContain(c.profile);
      expect(c.id.startsWith(`${c.area}-`), c.id).toBe(true);
      expect(c.file.endsWith(`/${AREAS[c.area].file}`), `${c.id} in ${c.file}`).toBe(true);
      if (!c.withdrawn) expect(c.text, c.id).toMatch(new RegExp(`\\b(${c.level}|${{ MUST: "REQUIRED|SHALL", SHOULD: "RECOMMENDED", MAY: "OPTIONAL" }[c.level]})\\b`));
    }
  });

  it("gives a reason whenever a clause is not testable or not observable", () => {
    for (const c of clauses) {
      if (!c.testable) expect(c.notTestableReason, c.id).toMatch(/\S/);
      if (!c.observable) expect(c.notObservableReason, c.id).toMatch(/\S/);
    }
  });
});

describe.each(specVersions())("the clause registry of spec %s", (version) => {
  it("loads without syntax problems, with unique IDs and known profiles", () => {
    const clauses = loadClauses(version);
    expect(clauses.length).toBeGreaterThan(0);
    expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
    for (const c of clauses) if (c.class === "server") expect(PROFILES, c.id).toContain(c.profile);
  });
});

describe("lis clauses (subprocess)", () => {
  it("--format json lists every clause of the registry", () => {
    const r = runCli(["clauses", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{ id: string; line: number; file: string }>;
    expect(listed.map((c) => c.id)).toEqual(loadClauses("1.0").map((c) => c.id));
    expect(listed[0]).toMatchObject({ file: expect.stringMatching(/^spec\/1\.0\/.+\.md$/), line: expect.any(Number) });
  });

  it("--spec 1.1 --format json names the version that added each clause", () => {
    const r = runCli(["clauses", "--spec", "1.1", "--format", "json", "--profile", "reasoning"]);
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{ id: string; addedIn: string }>;
    expect(listed.length).toBeGreaterThan(0);
    for (const c of listed) expect(c.addedIn, c.id).toBe("1.1");
    const all = JSON.parse(runCli(["clauses", "--spec", "1.1", "--format", "json"]).stdout) as Array<{ id: string; addedIn: string }>;
    expect(all.find((c) => c.id === "CHAT-001")?.addedIn).toBe("1.0");
  });

  it("stops quietly when the reader of its output goes away (lis clauses | head)", async () => {
    // The reading end is closed before the CLI writes, so its first write fails with EPIPE every time.
    const child = spawn(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), "clauses", "--spec", "1.1"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("--profile keeps only that profile's clauses", () => {
    const r = runCli(["clauses", "--format", "json", "--profile", "embeddings"]);
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{ profile: string }>;
    expect(listed.length).toBe(loadClauses("1.0").filter((c) => c.profile === "embeddings").length);
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((c) => c.profile))).toEqual(new Set(["embeddings"]));
  });

  it("prints a table that fits a 100-column terminal, with a summary line", () => {
    const r = runCli(["clauses"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+LEVEL\s+PROFILE\/CLASS\s+SOURCE\s+TEXT$/);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(lines.at(-1)).toMatch(new RegExp(`^${loadClauses("1.0").length} clauses: \\d+ MUST, \\d+ SHOULD, \\d+ MAY`));
  });

  it("takes its width from --width, else $COLUMNS when not at a terminal; --width 0 never cuts the text", () => {
    const widest = (out: string) => Math.max(...out.trimEnd().split("\n").map((l) => [...l].length));
    const wide = runCli(["clauses"], { env: { ...process.env, COLUMNS: "160" } });
    expect(widest(wide.stdout)).toBeGreaterThan(100);
    expect(widest(wide.stdout)).toBeLessThanOrEqual(160);
    expect(widest(runCli(["clauses", "--width", "90"]).stdout)).toBeLessThanOrEqual(90);
    const whole = runCli(["clauses", "--width", "0"]).stdout;
    expect(widest(whole)).toBeGreaterThan(160);
    expect(whole).not.toMatch(/…$/m);
    const bad = runCli(["clauses", "--width", "wide"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--width must be a number of columns/);
  });

  it("rejects an unknown profile with exit 2 and the list of known ones", () => {
    const r = runCli(["clauses", "--profile", "chatty"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown profile "chatty"; known profiles: core, streaming/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects an unknown spec version with exit 2", () => {
    const r = runCli(["clauses", "--spec", "9.9"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no spec for version 9\.9 .*known versions: 1\.0/);
  });

  it("rejects an unknown format with exit 2", () => {
    const r = runCli(["clauses", "--format", "xml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
});

describe("lis clauses on a broken draft (subprocess)", () => {
  it("exits 2 and names every problem as file:line, without a stack trace", () => {
    const r = runCli(["clauses", "--dir", "test/clauses/fixtures/bad-heading"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^lis: 3 problems in the clause syntax of the spec:\n/);
    expect(r.stderr).toContain("test/clauses/fixtures/bad-heading/errors.md:3: malformed clause heading");
    expect(r.stderr).toContain("test/clauses/fixtures/bad-heading/errors.md:11: malformed clause heading");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("lists the clauses of a good draft folder", () => {
    const r = runCli(["clauses", "--dir", "test/clauses/fixtures/good", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).map((c: { id: string }) => c.id)).toEqual(["STREAM-001", "STREAM-002", "STREAM-003", "STREAM-004"]);
  });

  it("refuses a folder that does not exist", () => {
    const r = runCli(["clauses", "--dir", "no/such/folder"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lis: no spec folder .*no\/such\/folder/);
  });
});
