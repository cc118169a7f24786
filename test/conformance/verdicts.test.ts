import { describe, expect, it } from "vitest";
import { computeVerdicts, coverage, type ClauseInfo } from "../../tools/conformance/verdicts.js";
import { baselineFromRun, parseBaseline } from "../../tools/conformance/baseline.js";
import type { CaseResult, CheckResult } from "../../tools/conformance/model.js";
import { LisError } from "../../tools/util/errors.js";
import { casesFrom } from "./harness.js";

const clause = (id: string, level: ClauseInfo["level"] = "MUST", extra: Partial<ClauseInfo> = {}): ClauseInfo => ({ id, level, profile: "core", text: `text of ${id}`, testable: true, withdrawn: false, ...extra });
const check = (clauses: string[], passed: boolean): CheckResult => ({ kind: "assert", step: "request", clauses, passed, description: "d", ...(passed ? {} : { expected: "e", got: "g" }) });
const result = (id: string, status: CaseResult["status"], checks: CheckResult[] = [], reason?: string): CaseResult => ({ id, title: id, profile: "core", clauses: [], status, checks, evidence: [], durationMs: 1, source: { file: "f", line: 1 }, ...(reason ? { reason } : {}) });

const cases = casesFrom(`cases:
  - { id: a, title: t, profile: core, clauses: [A-001], request: { method: GET, path: /a }, expect: { assert: [{ path: $.x, equals: 1, clause: A-002 }] } }
  - { id: b, title: t, profile: core, clauses: [A-003], request: { method: GET, path: /b } }
  - { id: c, title: t, profile: core, clauses: [A-004], request: { method: GET, path: /c } }
  - { id: d, title: t, profile: core, clauses: [A-005], request: { method: GET, path: /d } }
  - { id: e, title: t, profile: core, clauses: [A-006], request: { method: GET, path: /e } }
`);

describe("verdicts", () => {
  const clauses = [clause("A-001"), clause("A-002"), clause("A-003"), clause("A-004"), clause("A-005", "SHOULD"), clause("A-006"), clause("A-007"), clause("A-008", "MUST", { testable: false, notTestableReason: "client-side" }), clause("A-009", "MUST", { withdrawn: true })];

  it("coverage counts case clauses and clauses named inside a case", () => {
    expect(Object.fromEntries(coverage(cases))).toMatchObject({ "A-001": ["a"], "A-002": ["a"], "A-003": ["b"] });
  });

  it("judges each clause: pass, fail, not-applicable, untested, not-testable; untested never passes", () => {
    const results = [
      result("a", "fail", [check(["A-001"], true), check(["A-002"], false)]),
      result("b", "precondition-failed", [], "needs an API key"),
      result("c", "error", [], "timeout"),
      result("d", "fail", [check(["A-005"], false)]),
      result("e", "pass", [check(["A-006"], true)]),
    ];
    const v = computeVerdicts(clauses, ["core"], cases, results);
    const of = (id: string) => v.clauses.find((c) => c.id === id)!;
    expect(of("A-001").verdict).toBe("pass");
    expect(of("A-002")).toMatchObject({ verdict: "fail", failures: [{ case: "a", expected: "e", got: "g" }] });
    expect(of("A-003")).toMatchObject({ verdict: "not-applicable" });
    expect(of("A-004")).toMatchObject({ verdict: "untested", note: expect.stringMatching(/error/) });
    expect(of("A-005").verdict).toBe("fail");
    expect(of("A-007")).toMatchObject({ verdict: "untested", note: "no case tests this clause" });
    expect(of("A-008")).toMatchObject({ verdict: "not-testable", note: "client-side" });
    expect(v.clauses.find((c) => c.id === "A-009")).toBeUndefined();
    expect(v.profiles[0]).toMatchObject({ verdict: "not-conformant", warnings: ["A-005"], must: { fail: 1, pass: 2, notApplicable: 1, untested: 2, notTestable: 1 } });
    expect(v.unexpectedFailures).toEqual(["A-002"]);
    expect(v.unexpectedErrors).toEqual(["c"]);
    expect(v.exitCode).toBe(1);
  });

  it("a profile with only SHOULD failures is conformant and exits 0; untested MUST makes it incomplete", () => {
    const two = [clause("A-001"), clause("A-005", "SHOULD")];
    const v = computeVerdicts(two, ["core"], cases, [result("a", "pass", [check(["A-001"], true)]), result("d", "fail", [check(["A-005"], false)])]);
    expect(v.profiles[0].verdict).toBe("conformant");
    expect(v.exitCode).toBe(0);
    const w = computeVerdicts([clause("A-001"), clause("A-007")], ["core"], cases, [result("a", "pass", [check(["A-001"], true)])]);
    expect(w.profiles[0].verdict).toBe("incomplete");
    expect(w.exitCode).toBe(0);
  });

  it("a baseline expects listed failures, by clause or by case, and a listed item that passes is stale", () => {
    const results = [result("a", "fail", [check(["A-001"], true), check(["A-002"], false)]), result("c", "error", [], "timeout"), result("e", "pass", [check(["A-006"], true)])];
    const byClause = parseBaseline("expected-failures:\n  - { clause: A-002, reason: known }\n  - { case: c, reason: slow }\n");
    const v = computeVerdicts(clauses, ["core"], cases, results, byClause);
    expect(v.clauses.find((c) => c.id === "A-002")?.expectedFailure).toBe("known");
    expect(v.exitCode).toBe(0);
    expect(v.baseline?.expected.map((e) => e.id)).toEqual(["A-002", "c"]);
    const byCase = computeVerdicts(clauses, ["core"], cases, results, parseBaseline("expected-failures:\n  - { case: a, reason: r }\n  - { case: c, reason: r }\n"));
    expect(byCase.exitCode).toBe(0);
    const stale = computeVerdicts(clauses, ["core"], cases, results, parseBaseline("expected-failures:\n  - { clause: A-002, reason: r }\n  - { case: c, reason: r }\n  - { clause: A-006, reason: fixed long ago }\n"));
    expect(stale.baseline?.stale).toEqual([{ kind: "clause", id: "A-006", reason: "fixed long ago" }]);
    expect(stale.exitCode).toBe(1);
  });

  it("writes a baseline that, read back, makes the same run exit 0", () => {
    const results = [result("a", "fail", [check(["A-002"], false)]), result("c", "error", [], "timeout")];
    const first = computeVerdicts(clauses, ["core"], cases, results);
    expect(first.exitCode).toBe(1);
    const text = baselineFromRun("1.0", first.clauses, results, new Date("2026-11-28T00:00:00Z"));
    expect(text).toMatch(/clause: A-002/);
    expect(computeVerdicts(clauses, ["core"], cases, results, parseBaseline(text)).exitCode).toBe(0);
  });

  it("rejects a malformed baseline with file, line and what to write", () => {
    expect(() => parseBaseline("expected-failures:\n  - { clause: A-002 }\n", "b.yaml")).toThrow(/b\.yaml:2: every entry needs a `reason`/);
    expect(() => parseBaseline("expected-failures:\n  - { clause: A-002, case: x, reason: r }\n", "b.yaml")).toThrow(LisError);
    expect(() => parseBaseline("nothing: here\n", "b.yaml")).toThrow(/no `expected-failures` list/);
    expect(() => parseBaseline("expected-failures: [\n", "b.yaml")).toThrow(/YAML/);
  });
});
