import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CaseFileError, caseFiles, caseSchemaPath, defaultCasesDir, loadCases, NO_ARGS, parseCaseFile, type CaseFileProblem } from "../../tools/conformance/load.js";

const parse = (text: string, context = {}) => {
  const problems: CaseFileProblem[] = [];
  const cases = parseCaseFile("x.yaml", text, context, problems);
  return { cases, problems };
};

describe("case loader", () => {
  it("loads the suite's case files", () => {
    const cases = loadCases(caseFiles(defaultCasesDir("1.0")));
    expect(cases.length).toBeGreaterThan(3);
    expect(cases.find((c) => c.id === "models-list-shape")?.steps[0].request.path).toBe("/models");
  });

  it("normalises a single-step case to one step named request", () => {
    const { cases, problems } = parse(`cases:\n  - id: a\n    title: t\n    profile: core\n    clauses: [MODEL-001]\n    request: { method: GET, path: /models }\n`);
    expect(problems).toEqual([]);
    expect(cases[0].steps).toHaveLength(1);
    expect(cases[0].steps[0].name).toBe("request");
    expect(cases[0].source.line).toBe(2);
  });

  it("reports a YAML syntax error with its line", () => {
    const { problems } = parse(`cases:\n  - id: a\n    title: [unclosed\n`);
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
    expect(problems[0].message).toMatch(/YAML/);
  });

  it("reports a schema violation at the line of the bad key", () => {
    const text = `cases:\n  - id: a\n    title: t\n    profile: core\n    clauses: [MODEL-001]\n    request:\n      method: GET\n      path: /models\n    expect:\n      stauts: 200\n`;
    const { problems } = parse(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(10);
    expect(problems[0].message).toMatch(/unknown key "stauts"/);
  });

  it("rejects unknown clauses, checks, schemas, undefined variables and secrets outside headers", () => {
    const text = [
      "cases:",
      "  - id: a",
      "    title: t",
      "    profile: core",
      "    clauses: [NOPE-001]",
      "    request:",
      "      method: POST",
      "      path: /chat/completions",
      "      body: { model: '${modle}', x: '${secret:apiKey}' }",
      "    expect:",
      "      schema: no-such-schema",
      "      checks: [{ name: noSuchCheck }]",
      "      assert: [{ path: '$.a[', equals: 1 }]",
    ].join("\n");
    const { problems } = parse(text, { clauseIds: new Set(["MODEL-001"]), checks: new Map(), schemaNames: new Set(["model"]) });
    const messages = problems.map((p) => `${p.line}: ${p.message}`).join("\n");
    expect(messages).toMatch(/5: .*unknown clause NOPE-001/);
    expect(messages).toMatch(/9: .*\$\{modle\} is not defined/);
    expect(messages).toMatch(/9: .*allowed only in request headers/);
    expect(messages).toMatch(/11: .*unknown schema "no-such-schema"/);
    expect(messages).toMatch(/12: .*unknown check "noSuchCheck"/);
    expect(messages).toMatch(/13: .*bad JSON path/);
  });

  it("refuses a case that names a clause of another class than server: it binds clients, runners or editors", () => {
    const text = "cases:\n  - id: a\n    title: t\n    profile: core\n    clauses: [CONV-002]\n    request: { method: GET, path: /models }\n";
    const { problems } = parse(text, { clauseIds: new Set(["MODEL-001"]), otherClauses: new Map([["CONV-002", "client"]]) });
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual(["5: case a: CONV-002 binds a client, not a server (its heading names the class client): no case can judge it on the wire"]);
  });

  it("allows captures only after the step that captures them", () => {
    const text = `cases:
  - id: a
    title: t
    profile: core
    clauses: [MODEL-001]
    steps:
      - name: one
        request: { method: GET, path: "/models/\${id}" }
        capture: { id: "$.data[0].id" }
      - name: two
        request: { method: GET, path: "/models/\${id}" }
`;
    const { problems } = parse(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(8);
  });

  it("checks ${list:…}: a known count, the whole string", () => {
    const text = `cases:
  - id: a
    title: t
    profile: core
    clauses: [MODEL-001]
    steps:
      - name: one
        request: { method: GET, path: /models }
        capture: { n: "$.data.length" }
      - name: two
        request: { method: POST, path: /embeddings, body: { a: "\${list:n:x}", b: "\${list:3:x}", c: "\${list:m:x}", d: "pre \${list:n:x}", e: "\${list:-1:x}" } }
`;
    const messages = parse(text).problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^11: .*the count m is not defined here/),
      expect.stringMatching(/^11: .*makes an array: it must be the whole string/),
      expect.stringMatching(/^11: .*write \$\{list:<count>:<text>\}/),
    ]);
  });

  it("throws one CaseFileError naming every duplicate id with both places", () => {
    const dir = defaultCasesDir("1.0");
    const files = caseFiles(dir);
    expect(() => loadCases([files[0], files[0]])).toThrow(CaseFileError);
    try {
      loadCases([files[0], files[0]]);
    } catch (err) {
      expect((err as CaseFileError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(/already used at/);
    }
    expect(readFileSync(files[0], "utf8").length).toBeGreaterThan(0);
  });
});

describe("the 1.0 suite's data files", () => {
  it("response-schemas.yaml names only schemas and clauses that exist", async () => {
    const { loadResponseSchemas } = await import("../../tools/conformance/synthetic.js");
    const { loadClauses } = await import("../../tools/clauses/registry.js");
    const { schemaNames } = await import("../../tools/validate/validators.js");
    const rules = loadResponseSchemas("1.0");
    const clauses = new Set(loadClauses("1.0").map((c) => c.id));
    const schemas = new Set(schemaNames("1.0"));
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const r of rules) {
      expect(schemas.has(r.schema), r.schema).toBe(true);
      for (const id of [r.clause, ...Object.values(r.pointers ?? {})]) expect(clauses.has(id), id).toBe(true);
    }
  });

  it("case.schema.json and every check's argument schema are valid JSON Schema 2020-12 (runs do not re-check them)", async () => {
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    const { allChecks } = await import("../../tools/conformance/checks/index.js");
    const meta = new Ajv2020({ strict: false });
    const schemas: [string, unknown][] = [["case.schema.json", JSON.parse(readFileSync(caseSchemaPath, "utf8"))], ["no arguments", NO_ARGS], ...allChecks.filter((c) => c.args).map((c) => [`check ${c.name}`, c.args] as [string, unknown])];
    for (const [name, schema] of schemas) expect(meta.validateSchema(schema as object), `${name}: ${meta.errorsText()}`).toBe(true);
    expect(meta.validateSchema({ type: "objekt" })).toBe(false);
  });

  it("every case file is valid against case.schema.json and names only live clauses, checks and schemas", async () => {
    const { loadSuite } = await import("../../tools/conformance/conformance.js");
    const suite = loadSuite({ spec: "1.0" });
    expect(suite.cases.length).toBeGreaterThan(10);
  });
});
