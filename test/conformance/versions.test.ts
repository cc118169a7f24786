import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadClauses } from "../../tools/clauses/registry.js";
import { loadSuite } from "../../tools/conformance/conformance.js";
import { loadSyntheticConfig } from "../../tools/conformance/synthetic.js";
import { faultsOfVersion, loadDependants } from "../../tools/conformance/mutation.js";
import { chainFiles, compareVersions, revisedCases, serverCeiling, suiteChain } from "../../tools/conformance/versions.js";
import { loadCases } from "../../tools/conformance/load.js";

describe("spec versions in the conformance suite", () => {
  it("orders versions numerically, not as text", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("1.0", "1.1")).toBeLessThan(0);
    expect(compareVersions("2.0", "1.12")).toBeGreaterThan(0);
    expect(compareVersions("1.1", "1.1")).toBe(0);
  });

  it("takes the newest announced version of the suite's major version as the server's ceiling", () => {
    expect(serverCeiling("1.1", ["1.0"])).toBe("1.0");
    expect(serverCeiling("1.1", ["1.1", "1.0"])).toBe("1.1");
    expect(serverCeiling("1.1", ["2.0", "1.0"])).toBe("1.0");
    expect(serverCeiling("1.1", ["1.0.1"])).toBe("1.0");
    expect(serverCeiling("1.1", ["2.0"])).toBeUndefined();
    expect(serverCeiling("1.1", undefined)).toBeUndefined();
  });

  it("builds 1.1's suite on 1.0's: the chain, and the data files of both", () => {
    expect(suiteChain("1.0")).toEqual(["1.0"]);
    expect(suiteChain("1.1")).toEqual(["1.0", "1.1"]);
    expect(chainFiles("1.1", "response-schemas.yaml")[0]).toMatch(/conformance\/1\.0\/response-schemas\.yaml$/);
  });

  it("the 1.1 suite holds every 1.0 case, judged against 1.1's clauses", () => {
    const v10 = loadSuite({ spec: "1.0" });
    const v11 = loadSuite({ spec: "1.1" });
    const ids11 = new Set(v11.cases.map((c) => c.id));
    for (const c of v10.cases) expect(ids11.has(c.id), c.id).toBe(true);
    expect(v11.cases.length).toBeGreaterThan(v10.cases.length);
    expect(v11.clauses.some((c) => c.id.startsWith("REASON-"))).toBe(true);
    expect(v10.clauses.some((c) => c.id.startsWith("REASON-"))).toBe(false);
    expect(v11.profiles).toContain("reasoning");
    expect(v10.profiles).not.toContain("reasoning");
    expect(loadSyntheticConfig("1.1").rules.length).toBeGreaterThanOrEqual(loadSyntheticConfig("1.0").rules.length);
    for (const [clause, deps] of loadDependants("1.0")) expect(loadDependants("1.1").get(clause)).toEqual(expect.arrayContaining(deps));
  });

  it("a version's mutation run judges only the faults of its own clauses", () => {
    const faults = [{ clause: "CHAT-001" }, { clause: "REASON-002" }];
    expect(faultsOfVersion(faults, loadClauses("1.0"))).toEqual([{ clause: "CHAT-001" }]);
    expect(faultsOfVersion(faults, loadClauses("1.1"))).toEqual(faults);
  });
});

describe("cases that a later version revises", () => {
  const tmp = mkdtempSync(join(tmpdir(), "lis-revises-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const caseFile = (version: string, title: string, extra = "") => {
    mkdirSync(join(tmp, version, "cases"), { recursive: true });
    const file = join(tmp, version, "cases", `${title.replace(/\W+/g, "-")}.yaml`);
    writeFileSync(file, `cases:\n  - id: sample\n    title: ${title}\n    profile: core\n    clauses: [CHAT-001]\n    request: { method: GET, path: /models }\n${extra}`);
    return file;
  };
  const revises = (version: string) => new Map([["sample", { file: join(tmp, version, "suite.yaml"), line: 3 }]]);

  it("1.1 lists the cases it revises, each with a reason, and its suite has each id once", () => {
    const revised = revisedCases("1.1");
    expect([...revised.keys()]).toEqual(expect.arrayContaining(["tools-call-well-formed", "tools-choice-named"]));
    for (const r of revised.values()) expect(r.why).toMatch(/\S/);
    const cases = loadSuite({ spec: "1.1" }).cases;
    for (const id of revised.keys()) {
      const found = cases.filter((c) => c.id === id);
      expect(found.map((c) => c.source.file), id).toEqual([expect.stringMatching(/conformance\/1\.1\/cases\//)]);
    }
  });

  it("the revising version's case replaces the inherited one, in its place", () => {
    const old = caseFile("1.0", "old one", "  - id: other\n    title: other\n    profile: core\n    clauses: [CHAT-001]\n    request: { method: GET, path: /models }\n");
    const revision = caseFile("1.1", "revised one");
    const cases = loadCases([old, revision], { revises: revises("1.1") });
    expect(cases.map((c) => `${c.id}: ${c.title}`)).toEqual(["sample: revised one", "other: other"]);
  });

  it("refuses a listed revision that no case of the revising version makes, naming the listing", () => {
    const old = caseFile("1.0", "old one");
    expect(() => loadCases([old], { revises: revises("1.1") })).toThrow(/suite\.yaml:3: revises case "sample", but no case file after the one that defines it has a case with that id/);
  });

  it("keeps refusing a duplicate id that is not a listed revision, a second revision, or one in the same file", () => {
    const old = caseFile("1.0", "old one");
    const revision = caseFile("1.1", "revised one");
    expect(() => loadCases([old, revision], {})).toThrow(/case id "sample" is already used at/);
    const again = caseFile("1.1", "revised twice");
    expect(() => loadCases([old, revision, again], { revises: revises("1.1") })).toThrow(/case id "sample" is already used at/);
    const twice = caseFile("1.0", "twice", "  - id: sample\n    title: again\n    profile: core\n    clauses: [CHAT-001]\n    request: { method: GET, path: /models }\n");
    expect(() => loadCases([twice], { revises: revises("1.1") })).toThrow(/case id "sample" is already used at/);
  });
});

describe("a 1.0 server under the 1.1 requirement set", () => {
  it("is not failed on clauses that 1.1 added: they are not-applicable, and the run passes", async () => {
    const { startServer } = await import("../../tools/serve/server.js");
    const { runConformance } = await import("../../tools/conformance/conformance.js");
    const apiKey = "k1-LisVersionsTest";
    const server = await startServer({ port: 0, host: "127.0.0.1", apiKey, specVersion: "1.0" });
    try {
      const { report } = await runConformance({ spec: "1.1", baseUrl: server.url, model: "lis-tiny", apiKey });
      // Testable ones: a clause no case can judge stays not-testable whatever the server implements.
      const added = loadClauses("1.1").filter((c) => c.addedIn === "1.1" && c.testable);
      expect(added.length).toBeGreaterThan(0);
      // The reasoning profile (all of it added in 1.1) is not tested; 1.1's clauses in core are not-applicable.
      expect(report.profileVerdicts.map((p) => p.profile)).not.toContain("reasoning");
      const inCore = report.clauses.filter((c) => added.some((a) => a.id === c.id));
      expect(inCore.length).toBeGreaterThan(0);
      for (const c of inCore) {
        expect(c.verdict, c.id).toBe("not-applicable");
        expect(c.note).toMatch(/added in LIS 1\.1, but the server implements LIS 1\.0/);
      }
      expect(report.summary.exitCode, report.summary.unexpectedFailures.join(", ")).toBe(0);

      // Asking for the 1.1-only profile of a 1.0 server is a usage error, not a failed run.
      await expect(runConformance({ spec: "1.1", baseUrl: server.url, model: "lis-tiny", apiKey, profiles: ["core", "reasoning"] })).rejects.toMatchObject({ exitCode: 2 });
    } finally {
      await server.close();
    }
  }, 120_000);
});
