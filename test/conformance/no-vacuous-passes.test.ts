import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSuite, runConformance } from "../../tools/conformance/conformance.js";
import type { CaseResult, CaseStatus } from "../../tools/conformance/model.js";
import { computeVerdicts, coverage } from "../../tools/conformance/verdicts.js";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import { startServer } from "../../tools/serve/server.js";
import { SPEC_VERSIONS } from "../../tools/util/paths.js";
import { startFake, type FakeServer } from "./fake-server.js";

// Issue 12: "pass" verdicts must rest on something. A clause whose cases all ended skip,
// precondition-failed or inconclusive is untested, never passed; a check that found nothing to judge (no
// tool call in the stream, an optional member absent) is no evidence either.

const NOT_JUDGED: CaseStatus[] = ["skip", "precondition-failed", "inconclusive"];

describe.each(SPEC_VERSIONS)("no clause of the %s suite passes on cases that were not judged", (version) => {
  const suite = loadSuite({ spec: version });
  const cov = coverage(suite.cases);

  // The verdict function over every clause of the suite: each clause's cases end in each not-judged
  // status, with every check naming the clause passed, as they would have if the case had been judged.
  it.each(NOT_JUDGED)("cases that ended %s make no clause pass", (status) => {
    const wrong: string[] = [];
    for (const clause of suite.clauses) {
      if (clause.withdrawn || !clause.testable) continue;
      const ids = cov.get(clause.id) ?? [];
      if (ids.length === 0) continue;
      const cases = suite.cases.filter((c) => ids.includes(c.id));
      const results: CaseResult[] = cases.map((c) => ({
        id: c.id, title: c.title, profile: c.profile, clauses: c.clauses, status, evidence: [], durationMs: 0, source: c.source,
        checks: [
          { kind: "assert", step: c.steps[0].name, clauses: [clause.id], passed: true, description: "as if judged" },
          ...(status === "inconclusive" ? [{ kind: "check:streamMatchesStep", step: c.steps[0].name, clauses: ["CHAT-020"], passed: false, description: "comparison", inconclusive: "server not reproducible" }] : []),
        ],
      }));
      const v = computeVerdicts(suite.clauses, suite.profiles, cases, results).clauses.find((x) => x.id === clause.id);
      if (v?.verdict === "pass") wrong.push(clause.id);
    }
    expect(wrong).toEqual([]);
  });

  it("a check that found nothing to judge makes no clause pass", () => {
    const c = suite.cases.find((x) => x.id === "tools-streamed-calls")!;
    const results: CaseResult[] = [{ id: c.id, title: c.title, profile: c.profile, clauses: c.clauses, status: "pass", evidence: [], durationMs: 0, source: c.source, checks: [{ kind: "check:toolCallDeltaFields", step: "streamed", clauses: ["TOOL-019"], passed: true, vacuous: true, description: "no tool calls" }] }];
    expect(computeVerdicts(suite.clauses, suite.profiles, [c], results).clauses.find((x) => x.id === "TOOL-019")?.verdict).toBe("untested");
  });
});

/**
 * A target that supports little: the reference server behind a proxy that answers 500 (as llama-server
 * does for "Cannot use tools with stream") to every chat request with tools, with n above 1 or with
 * logprobs, and 501 to /embeddings. Many cases then end precondition-failed; none of their clauses may pass
 * on evidence those cases did not produce.
 */
async function crippled(): Promise<{ target: FakeServer; close(): Promise<void>; apiKey: string }> {
  const apiKey = "sk-crippled-target-0123456789";
  const upstream = await startServer({ port: 0, host: "127.0.0.1", apiKey });
  const up = new URL(upstream.url);
  const target = await startFake((req, res) => {
    let body: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(req.body) as unknown;
      if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: forwarded as it came.
    }
    const refuse = (status: number, message: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: status, message, type: "server_error" } }));
    };
    const path = (req.url ?? "").split("?")[0];
    if (path.endsWith("/embeddings")) return refuse(501, "This server does not support embeddings.");
    if (path.endsWith("/chat/completions") && (body.tools !== undefined || (typeof body.n === "number" && body.n > 1) || body.logprobs === true)) return refuse(500, "Cannot use tools with stream");
    const forward = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    forward.end(req.body);
  });
  return { target, apiKey, close: async () => Promise.all([target.close(), upstream.close()]).then(() => undefined) };
}

describe("a run against a target that supports little", () => {
  let reports: ConformanceReport[] = [];
  let env: Awaited<ReturnType<typeof crippled>>;
  beforeAll(async () => {
    env = await crippled();
    reports = [];
    for (const spec of SPEC_VERSIONS) {
      const { report } = await runConformance({ spec, baseUrl: env.target.url, model: "lis-tiny", apiKey: env.apiKey, timeoutMs: 10_000 });
      reports.push(report);
    }
  }, 240_000);
  afterAll(() => env?.close());

  it("every clause that passes has a passed check that judged something, in a case that was judged whole", () => {
    for (const report of reports) {
      const hollow: string[] = [];
      for (const v of report.clauses.filter((x) => x.verdict === "pass")) {
        const evidence = report.cases.some((c) => ["pass", "fail", "error"].includes(c.status) && c.checks.some((k) => k.passed && !k.vacuous && k.clauses.includes(v.id)));
        if (!evidence) hollow.push(v.id);
      }
      expect(hollow, `spec ${report.spec}`).toEqual([]);
    }
  });

  it("clauses whose cases all ended precondition-failed or inconclusive are not passed (TOOL-019, TOOL-012 among them)", () => {
    for (const report of reports) {
      const byId = new Map(report.cases.map((c) => [c.id, c]));
      const wrong = report.clauses.filter((v) => v.verdict === "pass" && v.cases.length > 0 && v.cases.every((id) => NOT_JUDGED.includes(byId.get(id)?.status ?? "skip"))).map((v) => v.id);
      expect(wrong, `spec ${report.spec}`).toEqual([]);
      // The target answers every tool request with 500: nothing about tool calls was shown.
      for (const id of ["TOOL-019", "TOOL-012"]) expect(report.clauses.find((v) => v.id === id)?.verdict, `${report.spec} ${id}`).not.toBe("pass");
    }
  });
});
