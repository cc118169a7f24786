/**
 * The error-code registry (spec/<version>/errors.md, "Error codes"; 1.0's corrected table is in its
 * ERRATA.md) against everything that names a code: the clauses, the OpenAPI document and the error
 * examples of the schemas, and the conformance cases. Every code named anywhere is in the registry, with
 * the status it comes with there.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadClauses } from "../../tools/clauses/registry.js";
import { loadSuite } from "../../tools/conformance/conformance.js";
import { revisedCases } from "../../tools/conformance/versions.js";
import { codesNamedIn, loadErrorCodes, readErrorCodes, type ErrorCode } from "../../tools/registries/error-codes.js";
import { tableUnder } from "../../tools/registries/tables.js";
import { SPEC_VERSIONS, schemaDir } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

/** ERR-004's table: the type that belongs to each status. */
const TYPE_OF_STATUS = (status: number): string =>
  status === 401 ? "authentication_error" : status === 403 ? "permission_error" : status === 404 ? "not_found_error" : status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";

type Json = Record<string, unknown>;

/** Codes outside the registry that a case of the frozen 1.0 suite accepts; each case is revised in 1.1. */
const FROZEN_1_0_CODES: Record<string, string[]> = { "mm-oversize-image-refused": ["payload_too_large"] };

describe("codes of the frozen 1.0 suite outside the registry", () => {
  it("are each in a case that 1.1 revises", () => {
    for (const id of Object.keys(FROZEN_1_0_CODES)) expect(revisedCases("1.1").has(id), id).toBe(true);
  });
});

describe.each(SPEC_VERSIONS)("the error-code registry of spec %s", (version) => {
  const registry = new Map<string, ErrorCode>(loadErrorCodes(version).map((c) => [c.code, c]));
  const clauses = loadClauses(version);
  const missing = (code: string, where: string) => `${where} names the code ${code}, which is not in the registry of ${version}`;

  it("holds every code that a clause names, with the status the clause gives it", () => {
    const problems: string[] = [];
    let named = 0;
    for (const c of clauses) {
      for (const m of codesNamedIn(c.text)) {
        named++;
        const entry = registry.get(m.code);
        if (!entry) problems.push(missing(m.code, c.id));
        else for (const s of m.statuses) if (!entry.statuses.includes(s)) problems.push(`${c.id} gives ${m.code} status ${s}; the registry lists ${entry.statuses.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
    expect(named).toBeGreaterThan(30);
  });

  it("names, for each code, clauses that exist and state that code or its status", () => {
    const byId = new Map(clauses.map((c) => [c.id, c]));
    for (const entry of registry.values()) {
      for (const id of entry.clauses) {
        expect(byId.has(id), `${entry.code}: ${id} is not a clause of ${version}`).toBe(true);
        const text = byId.get(id)!.text;
        const states = text.includes(`\`${entry.code}\``) || entry.statuses.some((s) => text.includes(String(s)));
        expect(states, `${entry.code} is attributed to ${id}, whose text names neither the code nor its status`).toBe(true);
      }
    }
  });

  it("gives each code the type that ERR-004's table gives each of its statuses, and a type the error schema knows", () => {
    const schema = JSON.parse(readFileSync(join(schemaDir(version), "error.schema.json"), "utf8")) as { properties: { error: { properties: { type: { enum: string[] } } } } };
    for (const entry of registry.values()) {
      expect(schema.properties.error.properties.type.enum, entry.code).toContain(entry.type);
      for (const status of entry.statuses) expect(entry.type, `${entry.code} with ${status}`).toBe(TYPE_OF_STATUS(status));
    }
  });

  it("holds every code of the OpenAPI document's error responses, with the status each is used for", () => {
    const doc = parse(readFileSync(join(schemaDir(version), "openapi.yaml"), "utf8")) as { paths: Record<string, Record<string, { responses?: Record<string, { $ref?: string }> }>>; components: { responses: Record<string, { content?: Record<string, { example?: Json; examples?: Record<string, { value: Json }> }> }> } };
    const codesOf = (name: string): string[] =>
      Object.values(doc.components.responses[name]?.content ?? {}).flatMap((media) => [media.example, ...Object.values(media.examples ?? {}).map((e) => e.value)])
        .map((example) => (example?.error as Json | undefined)?.code)
        .filter((code): code is string => typeof code === "string");
    const problems: string[] = [];
    let used = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const name = response.$ref?.replace("#/components/responses/", "");
          for (const code of name ? codesOf(name) : []) {
            used++;
            const entry = registry.get(code);
            if (!entry) problems.push(missing(code, `${method.toUpperCase()} ${path} ${status} (${name})`));
            else if (/^\d{3}$/.test(status) && !entry.statuses.includes(Number(status))) problems.push(`${method.toUpperCase()} ${path} answers ${code} with ${status}; the registry lists ${entry.statuses.join(", ")}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(used).toBeGreaterThan(0);
  });

  it("holds every code of the error schema's valid examples", () => {
    const dir = join(schemaDir(version), "examples", "error");
    for (const file of readdirSync(dir).filter((f) => f.startsWith("valid-"))) {
      const code = ((JSON.parse(readFileSync(join(dir, file), "utf8")) as Json).error as Json).code;
      if (typeof code === "string") expect(registry.has(code), `examples/error/${file}: ${code}`).toBe(true);
    }
  });

  it("holds every code that a conformance case expects, with the status the case expects it with", () => {
    const problems: string[] = [];
    let expected = 0;
    for (const c of loadSuite({ spec: version }).cases) {
      // The frozen 1.0 suite accepts one code that no clause defines; 1.1 revises that case (suite.yaml).
      const exempt = version === "1.0" ? (FROZEN_1_0_CODES[c.id] ?? []) : [];
      for (const step of c.steps) {
        const status = typeof step.expect?.status === "number" ? step.expect.status : undefined;
        for (const a of step.expect?.assert ?? []) {
          if (a.path !== "$.error.code") continue;
          const values = [a.equals, ...(Array.isArray(a.in) ? a.in : [])].filter((v): v is string => typeof v === "string");
          for (const code of values.filter((v) => !exempt.includes(v))) {
            expected++;
            const entry = registry.get(code);
            if (!entry) problems.push(missing(code, `case ${c.id}`));
            else if (status !== undefined && !entry.statuses.includes(status)) problems.push(`case ${c.id} expects ${code} with status ${status}; the registry lists ${entry.statuses.join(", ")}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(expected).toBeGreaterThan(20);
  });
});

describe("reading an error-code table", () => {
  const table = (rows: string) => tableUnder(`# Errors\n\n## Error codes\n\n| \`code\` | Status | \`type\` | Meaning |\n| --- | --- | --- | --- |\n${rows}\n`, "Error codes")!;

  it("reads codes, statuses, types and the clauses a meaning names", () => {
    const { codes, problems } = readErrorCodes(table("| `too_large` | 400, 413 | invalid_request_error | one part is too large (MM-004) |").rows, "errors.md");
    expect(problems).toEqual([]);
    expect(codes).toEqual([{ code: "too_large", statuses: [400, 413], type: "invalid_request_error", meaning: "one part is too large (MM-004)", clauses: ["MM-004"], file: "errors.md", line: 7 }]);
  });

  it("names each malformed row by file and line", () => {
    const { problems } = readErrorCodes(table("| `Bad-Code` | 200 | x-y | — |\n| `ok` | 400 | invalid_request_error | fine |\n| `ok` | 400 | invalid_request_error | twice |").rows, "errors.md");
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '7: code "Bad-Code" is not a lower-case identifier',
      '7: status "200" is not a list of 4xx/5xx statuses',
      '7: type "x-y" is not an error type',
      "9: code ok is listed twice",
    ]);
  });

  it("finds the codes a clause names, their alternatives and their statuses, and nothing else", () => {
    expect(codesNamedIn("The server MUST reject it with status 400 or 413, an error envelope whose `param` is `x` and whose `code` is `too_large`.")).toEqual([{ code: "too_large", statuses: [400, 413] }]);
    expect(codesNamedIn("reject with status 400, `code` `unsupported_parameter` (for the member) or `unsupported_value` (for the value)")).toEqual([
      { code: "unsupported_parameter", statuses: [400] },
      { code: "unsupported_value", statuses: [400] },
    ]);
    expect(codesNamedIn("with `code` `invalid_value` and `param` `max_tokens`")).toEqual([{ code: "invalid_value", statuses: [] }]);
    expect(codesNamedIn("the members `message`, `type`, `param` and `code`; a member is `null`.")).toEqual([]);
  });
});

describe("lis registry error-codes (subprocess)", () => {
  it("lists the codes of a version as JSON, with their statuses", () => {
    const r = runCli(["registry", "error-codes", "--spec", "1.1", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const codes = JSON.parse(r.stdout) as ErrorCode[];
    expect(codes.map((c) => c.code)).toEqual(loadErrorCodes("1.1").map((c) => c.code));
    expect(codes.find((c) => c.code === "unsupported_media_type")?.statuses).toEqual([415, 400]);
  });

  it("prints a table, and refuses an unknown registry or version with exit 2", () => {
    const r = runCli(["registry", "error-codes"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^CODE\s+STATUS\s+TYPE\s+CLAUSES\n/);
    expect(r.stdout).toMatch(new RegExp(`\\n${loadErrorCodes("1.0").length} rows\\n$`));
    expect(runCli(["registry", "statuses"]).status).toBe(2);
    const unknown = runCli(["registry", "error-codes", "--spec", "9.9"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no spec for version 9\.9/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
