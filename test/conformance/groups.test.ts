import { describe, expect, it } from "vitest";
import { errorBodyKey, groupFailures, missingMember } from "../../tools/conformance/reporters/groups.js";
import type { CaseResult } from "../../tools/conformance/model.js";
import type { ClauseFailure, ClauseVerdict } from "../../tools/conformance/verdicts.js";

const evidence = (step: string, status: number, body: string) => ({ step, request: "POST http://h/v1/chat/completions\ncontent-type: application/json\n\n{}", response: `HTTP ${status}\ncontent-type: application/json\n\n${body}` });
const caseResult = (id: string, profile: string, ev: CaseResult["evidence"], status: CaseResult["status"] = "fail", reason?: string): CaseResult => ({
  id, title: id, profile, clauses: [], status, reason, checks: [], evidence: ev, durationMs: 1, source: { file: `cases/${profile}.yaml`, line: 1 },
});
const clause = (id: string, level: ClauseVerdict["level"], profile: string, failures: ClauseFailure[], expectedFailure?: string): ClauseVerdict => ({
  id, level, profile, text: `${id} text`, verdict: failures.length ? "fail" : "pass", cases: [], passedChecks: 0, failures, ...(expectedFailure ? { expectedFailure } : {}),
});
const statusFailure = (c: string, status = 500): ClauseFailure => ({ case: c, step: "request", kind: "status", description: "status 200", expected: "200", got: `status ${status}` });

describe("groupFailures: one root cause, one group", () => {
  it("56 failures with the same status and error body (request ids aside) over 4 clauses are one group of 56", () => {
    const cases: CaseResult[] = [];
    const perClause: ClauseFailure[][] = [[], [], [], []];
    for (let i = 0; i < 56; i++) {
      const id = `tools-${i}`;
      cases.push(caseResult(id, "tools", [evidence("request", 500, JSON.stringify({ error: { message: "tools need a description", type: "server_error", code: null, request_id: `req_${i}` } }))]));
      perClause[i % 4].push(statusFailure(id));
    }
    const clauses = perClause.map((f, i) => clause(`TOOL-00${i + 1}`, "MUST", "tools", f));
    const { failures } = groupFailures({ clauses, cases });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: "status", count: 56, clauses: ["TOOL-001", "TOOL-002", "TOOL-003", "TOOL-004"], profiles: ["tools"], level: "MUST", expected: false });
    expect(failures[0].cases).toHaveLength(56);
    expect(failures[0].cause).toBe('status 500, body {"error":{"message":"tools need a description","type":"server_error","code":null}}');
    expect(failures[0].example.evidence?.response).toMatch(/^HTTP 500/);
  });

  it("another status or another error body is another cause", () => {
    const cases = [
      caseResult("a", "core", [evidence("request", 500, '{"error":{"message":"boom"}}')]),
      caseResult("b", "core", [evidence("request", 500, '{"error":{"message":"other"}}')]),
      caseResult("c", "core", [evidence("request", 404, "not found")]),
      caseResult("d", "core", [evidence("request", 404, "not found")]),
    ];
    const { failures } = groupFailures({ clauses: [clause("CHAT-001", "MUST", "core", [statusFailure("a"), statusFailure("b"), statusFailure("c", 404), statusFailure("d", 404)])], cases });
    expect(failures.map((g) => [g.cause, g.count])).toEqual([
      ["status 404, body not found", 2],
      ['status 500, body {"error":{"message":"boom"}}', 1],
      ['status 500, body {"error":{"message":"other"}}', 1],
    ]);
  });

  it("the same missing member, at any array index or stream event, in schema checks and path assertions, is one cause", () => {
    const schema = (c: string, got: string): ClauseFailure => ({ case: c, step: "request", kind: "synthetic-schema", description: "body valid against schema chat-completion", expected: "valid against chat-completion", got });
    const clauses = [
      clause("CHAT-028", "MUST", "core", [schema("a", "/choices/0/message: must have required property 'content'"), schema("b", "/choices/3/message: must have required property 'content'; /usage: must be object")]),
      clause("STREAM-007", "MUST", "streaming", [schema("c", "event 4: /choices/0/message: must have required property 'content'")]),
      clause("CHAT-012", "SHOULD", "core", [{ case: "d", step: "request", kind: "assert", description: "$.usage.total_tokens type integer", expected: "$.usage.total_tokens present (type integer)", got: "matched nothing" }]),
    ];
    const { failures } = groupFailures({ clauses, cases: ["a", "b", "c", "d"].map((id) => caseResult(id, "core", [])) });
    expect(failures.map((g) => [g.kind, g.cause, g.count, g.clauses])).toEqual([
      ["missing-member", "missing member `content` at /choices/*/message", 3, ["CHAT-028", "STREAM-007"]],
      ["missing-member", "missing member `$.usage.total_tokens`", 1, ["CHAT-012"]],
    ]);
  });

  it("orders MUST causes before SHOULD-only ones, unexpected before expected (baseline), then by count", () => {
    const check = (c: string, got: string): ClauseFailure => ({ case: c, step: "s", kind: "assert", description: "$.x equals 1", expected: "equals 1", got });
    const clauses = [
      clause("HTTP-014", "SHOULD", "core", [check("a", "2"), check("b", "2"), check("c", "2")]),
      clause("MODEL-001", "MUST", "core", [check("d", "3")], "known bug #12"),
      clause("MODEL-002", "MUST", "core", [check("e", "4")]),
    ];
    const { failures } = groupFailures({ clauses, cases: [] });
    expect(failures.map((g) => [g.clauses[0], g.level, g.expected])).toEqual([["MODEL-002", "MUST", false], ["MODEL-001", "MUST", true], ["HTTP-014", "SHOULD", false]]);
    expect(failures[2].cause).toBe("$.x equals 1: got 2");
  });

  it("groups cases that could not be judged by reason, whatever step met it", () => {
    const cases = [
      caseResult("a", "core", [], "error", "step first: connect: ECONNREFUSED 127.0.0.1:9"),
      caseResult("b", "tools", [], "error", "step second: connect: ECONNREFUSED 127.0.0.1:9"),
      caseResult("c", "core", [], "error", "step request: timeout: no complete response within 30000 ms"),
      caseResult("d", "core", [], "pass"),
    ];
    const { errors } = groupFailures({ clauses: [], cases });
    expect(errors.map((g) => [g.reason, g.cases, g.profiles])).toEqual([
      ["connect: ECONNREFUSED 127.0.0.1:9", ["a", "b"], ["core", "tools"]],
      ["timeout: no complete response within 30000 ms", ["c"], ["core"]],
    ]);
  });
});

describe("the pieces of a cause", () => {
  it("errorBodyKey keeps an error envelope's own words and drops what differs per answer", () => {
    expect(errorBodyKey('HTTP 400\nx: y\n\n{"error":{"message":"bad","type":"invalid_request_error","param":"model","code":null,"id":"e1"},"ts":1}')).toBe('{"error":{"message":"bad","type":"invalid_request_error","code":null}}');
    expect(errorBodyKey("HTTP 502\n\n<html>Bad gateway</html>")).toBe("<html>Bad gateway</html>");
    expect(errorBodyKey('HTTP 500\n\n{"error":"plain string"}')).toBe('{"error":"plain string"}');
    expect(errorBodyKey(undefined)).toBe("");
  });

  it("missingMember reads Ajv's required errors and assertions that matched nothing, and nothing else", () => {
    expect(missingMember({ description: "", got: "/: must have required property 'usage'" })).toBe("`usage` at /");
    expect(missingMember({ description: "", got: "/data/12: must have required property 'embedding'" })).toBe("`embedding` at /data/*");
    expect(missingMember({ description: "", got: "/error/param: required member is missing; /error/code: required member is missing" })).toBe("`param` at /error");
    expect(missingMember({ description: "", got: "event 2: /choices/0/delta: required member is missing" })).toBe("`delta` at /choices/*");
    expect(missingMember({ description: "", got: "/usage: required member is missing" })).toBe("`usage` at /");
    expect(missingMember({ description: "$.choices[0].message.content type string", got: "matched nothing" })).toBe("`$.choices[*].message.content`");
    expect(missingMember({ description: "$.object equals \"list\"", got: '"dict"' })).toBeUndefined();
    expect(missingMember({ description: "", got: "/usage: must be object" })).toBeUndefined();
  });
});
