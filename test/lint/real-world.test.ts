import { describe, expect, it } from "vitest";
import { hasSharedFixtures, fixturePath } from "../support/shared-fixtures.js";
import { runCli } from "../support/cli.js";

// OpenAI's published OpenAPI definition: ~3 MB, 1,400+ schemas. Speed is measured by bench/lint.ts, not here.
describe.skipIf(!hasSharedFixtures)("lis lint on OpenAI's API definition (shared fixture)", () => {
  it("runs to completion with meaningful findings from spectral:oas and the LIS rules, no crash", () => {
    const result = runCli(["lint", fixturePath("third-party", "openai-openapi.yaml"), "--format", "json"], { timeout: 300_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; line: number; path: unknown[] }> };
    const rules = new Set(report.findings.map((f) => f.rule));
    // What stock Spectral finds on this document (584 findings), and what LIS adds.
    for (const rule of ["oas3-valid-schema-example", "oas3-unused-component", "operation-tag-defined", "oas3-schema", "lis-chat-response"]) {
      expect(rules, rule).toContain(rule);
    }
    expect(report.findings.length).toBeGreaterThan(500);
    expect(report.findings.every((f) => f.line >= 1 && Array.isArray(f.path))).toBe(true);
  }, 300_000); // a generous bound for a loaded CI machine, not a speed assertion
});
