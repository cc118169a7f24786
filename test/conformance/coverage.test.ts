import { describe, expect, it } from "vitest";
import { loadSuite } from "../../tools/conformance/conformance.js";
import { coverage } from "../../tools/conformance/verdicts.js";

// DESIGN.md: every clause is covered by at least one conformance case or marked not-testable with a reason.
describe("traceability of the 1.0 suite", () => {
  it("every testable clause of every profile is tested by at least one case", () => {
    const suite = loadSuite({ spec: "1.0" });
    const cov = coverage(suite.cases);
    const uncovered = suite.clauses.filter((c) => !c.withdrawn && c.testable && !(cov.get(c.id)?.length)).map((c) => `${c.id} (${c.level}, ${c.profile})`);
    expect(uncovered, `clauses with no case and no "Testing: not-testable" line:\n${uncovered.join("\n")}`).toEqual([]);
  });

  it("every not-testable clause says why", () => {
    const suite = loadSuite({ spec: "1.0" });
    const silent = suite.clauses.filter((c) => !c.testable && !c.notTestableReason?.trim()).map((c) => c.id);
    expect(silent).toEqual([]);
  });
});
