import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { formatters } from "../../tools/lint/formatters/index.js";
import { FORMAT_NAMES } from "../../tools/lint/formatters/names.js";
import type { LintReport } from "../../tools/lint/findings.js";
import { lintFiles } from "../../tools/lint/lint.js";

const fixtures = join(import.meta.dirname, "fixtures");

const report: LintReport = {
  files: ["api.yaml", "clean.yaml"],
  toolVersion: "0.1.0",
  rules: [{ name: "lis-error-json", description: "Error responses are JSON.", clause: "ERR-001", severity: "error", documentationUrl: "https://lis-spec.org/x" }],
  findings: [
    { rule: "lis-error-json", clause: "ERR-001", severity: "error", message: "ERR-001: needs JSON, 100% <b>&</b>", file: "api.yaml", path: ["paths", "/v1/models", "get", "responses", "404"], line: 12, column: 9, endLine: 12, endColumn: 30 },
    { rule: "operation-tags", severity: "warn", message: "Operation must have tags,\nsee docs", file: "api.yaml", path: ["paths", "/v1/models", "get"], line: 8, column: 5, endLine: 8, endColumn: 9 },
  ],
};

describe("formatters (pure functions of the report)", () => {
  it("stylish: one line per finding with position, severity, rule, message and path, then a summary", () => {
    const text = formatters.stylish!(report);
    expect(text).toMatch(/12:9\s+error\s+lis-error-json\s+ERR-001: needs JSON.*paths\.\/v1\/models\.get\.responses\[404\]/);
    expect(text).toContain("✖ 2 problems (1 error, 1 warning, 0 infos, 0 hints)");
  });

  it("stylish is Spectral's own: the words warning and information, colours only when asked", () => {
    const info = { ...report, findings: [report.findings[1]!, { ...report.findings[1]!, severity: "info" as const, line: 9 }] };
    const plain = formatters.stylish!(info, { color: false });
    expect(plain).toMatch(/ 8:5\s+warning\s+operation-tags /);
    expect(plain).toMatch(/ 9:5\s+information\s+operation-tags /);
    expect(plain).not.toMatch(/\d+:\d+\s+(warn|info)\s/);
    expect(plain).not.toContain("\x1b[");
    const coloured = formatters.stylish!(info, { color: true });
    expect(coloured).toContain("\x1b[33mwarning\x1b[39m");
    expect(coloured.replace(/\x1b\[\d+m/g, "")).toBe(plain);
    expect(formatters.stylish!(info)).toBe(plain); // the default: no colour, whatever the terminal
  });

  it("json: the findings with rule, clause, path and line, and a summary", () => {
    const parsed = JSON.parse(formatters.json!(report));
    expect(parsed.summary).toEqual({ error: 1, warn: 1, info: 0, hint: 0 });
    expect(parsed.findings[0]).toMatchObject({ rule: "lis-error-json", clause: "ERR-001", line: 12, path: ["paths", "/v1/models", "get", "responses", "404"] });
  });

  it("sarif: validates against the SARIF 2.1.0 schema (bundled, offline)", () => {
    const schema = JSON.parse(readFileSync(join(fixtures, "sarif", "sarif-2.1.0-rtm.5.json"), "utf8"));
    delete schema.$schema; // draft-04 meta-schema: the keywords used validate the same under Ajv's default draft
    delete schema.id; // (and its language-tag pattern is not a valid Unicode regular expression: unicodeRegExp off)
    const ajv = new Ajv.default({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(formatters.sarif!(report));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: "lis-error-json", level: "error", properties: { clause: "ERR-001" } });
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 12, startColumn: 9, endLine: 12, endColumn: 30 });
    // And the schema is really checking: a result without a message is rejected.
    delete sarif.runs[0].results[0].message;
    expect(validate(sarif)).toBe(false);
  });

  it("junit: well-formed XML, a failing case per finding and a passing case per clean file", () => {
    const xml = formatters.junit!(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(parsed.testsuites["@_failures"]).toBe("2");
    const suites = parsed.testsuites.testsuite;
    expect(suites[0].testcase.length).toBe(2);
    expect(suites[1].testcase["@_name"]).toBe("lis lint");
    expect(suites[1].testcase.failure).toBeUndefined();
  });

  it("github-actions: one escaped workflow command per finding", () => {
    const lines = formatters["github-actions"]!(report).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("::error file=api.yaml,line=12,col=9,endLine=12,endColumn=30,title=lis-error-json (ERR-001)::ERR-001: needs JSON, 100%25 <b>&</b> (paths./v1/models.get.responses[404])");
    expect(lines[1]).toContain("::warning file=api.yaml,line=8");
    expect(lines[1]).toContain("tags,%0Asee docs");
    // A finding about the whole document has no path: its message ends there, no stray "()".
    const whole = formatters["github-actions"]!({ ...report, findings: [{ ...report.findings[1]!, path: [] }] });
    expect(whole).toMatch(/::Operation must have tags,%0Asee docs\n$/);
  });

  it("markdown: a table row per finding, pipes escaped", () => {
    const md = formatters.markdown!({ ...report, findings: [{ ...report.findings[0]!, message: "a | b" }] });
    expect(md).toContain("| error | `lis-error-json` | ERR-001 | api.yaml:12:9 |");
    expect(md).toContain("a \\| b");
  });

  it("SARIF of a real run validates too", async () => {
    const real = await lintFiles([join(fixtures, "rules", "lis-error-envelope.yaml")]);
    const schema = JSON.parse(readFileSync(join(fixtures, "sarif", "sarif-2.1.0-rtm.5.json"), "utf8"));
    delete schema.$schema;
    delete schema.id; // (and its language-tag pattern is not a valid Unicode regular expression: unicodeRegExp off)
    const ajv = new Ajv.default({ strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    expect(ajv.validate(schema, JSON.parse(formatters.sarif!(real)))).toBe(true);
    expect(real.findings.length).toBeGreaterThan(0);
  });
});

describe("format names", () => {
  it("the CLI offers exactly the formatters that exist", () => {
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(formatters).sort());
  });
});
