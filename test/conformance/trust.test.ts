import { describe, expect, it } from "vitest";
import { runCases } from "../../tools/conformance/runner.js";
import { stepDependencies } from "../../tools/conformance/load.js";
import { computeVerdicts, type ClauseInfo } from "../../tools/conformance/verdicts.js";
import type { CaseResult } from "../../tools/conformance/model.js";
import { checkRegistry } from "../../tools/conformance/checks/index.js";
import { casesFrom, config } from "./harness.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";

// Issue 12's runner semantics on their own, against small fake servers: comparisons that rest on a run
// fact, steps that go on after an independent failure, blocked and vacuous results.

const { fake } = fakesClosedAfterEach();

/** A chat server whose answers are the same every time (`reproducible`) or change with every request. */
function chatServer(reproducible: boolean) {
  let n = 0;
  return (req: { url?: string; body: string }, res: Parameters<typeof json>[0]) => {
    const body = JSON.parse(req.body || "{}") as { messages?: { content?: string }[]; stop?: string | string[] };
    const prompt = body.messages?.map((m) => m.content).join(" ") ?? "";
    let content = reproducible ? `one two three ${prompt.length}` : `answer ${++n} four five`;
    const stops = body.stop === undefined ? [] : [body.stop].flat();
    let finish = "length";
    for (const s of stops) {
      const at = content.indexOf(s);
      if (at !== -1) {
        content = content.slice(0, at);
        finish = "stop";
      }
    }
    json(res, 200, { id: "x", object: "chat.completion", created: 1, model: "m1", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish }] });
  };
}

const SUITE = `cases:
  - id: probe
    title: probe
    profile: core
    clauses: [CHAT-020]
    establishes: reproducible-seeded-chat
    steps:
      - name: first
        request: { method: POST, path: /chat/completions, body: { model: m1, messages: [{ role: user, content: story }], seed: 1 } }
      - name: second
        request: { method: POST, path: /chat/completions, body: { model: m1, messages: [{ role: user, content: story }], seed: 1 } }
        expect: { checks: [{ name: streamMatchesStep, args: { step: first } }] }
  - id: stop
    title: stop
    profile: core
    clauses: [CHAT-017]
    steps:
      - name: reference
        request: { method: POST, path: /chat/completions, body: { model: m1, messages: [{ role: user, content: count }], seed: 7 } }
      - name: cut
        request: { method: POST, path: /chat/completions, body: { model: m1, messages: [{ role: user, content: count }], seed: 7, stop: " t" } }
        expect:
          checks: [{ name: stopSequenceTruncates, args: { stop: [" t"], referenceStep: reference }, assumes: reproducible-seeded-chat }]
`;

const CHAT_CLAUSES: ClauseInfo[] = ["CHAT-017", "CHAT-020", "CHAT-009", "CHAT-023", "EMB-010", "EMB-014"].map((id) => ({ id, level: id === "CHAT-020" ? "SHOULD" : "MUST", profile: "core", text: id, testable: true, withdrawn: false }));

describe("comparisons rest on a fact the run established", () => {
  it("a reproducible server: the probe passes first, and the comparison is judged", async () => {
    const server = await fake(chatServer(true));
    const cases = casesFrom(SUITE);
    const results = await runCases(cases, config(server.url, { responseSchemas: [] }));
    expect(results.map((r) => r.status)).toEqual(["pass", "pass"]);
    // The probe ran first: its two requests precede the comparison's.
    expect(server.requests.slice(0, 2).map((r) => JSON.parse(r.body).messages[0].content)).toEqual(["story", "story"]);
    expect(computeVerdicts(CHAT_CLAUSES, ["core"], cases, results).clauses.find((v) => v.id === "CHAT-017")?.verdict).toBe("pass");
  });

  it("a server that is not reproducible: the comparison is inconclusive, never pass or fail, and says why", async () => {
    const server = await fake(chatServer(false));
    const cases = casesFrom(SUITE);
    const results = await runCases(cases, config(server.url, { responseSchemas: [] }));
    expect(results[0].status).toBe("fail"); // CHAT-020, a SHOULD: the server is not reproducible
    expect(results[1].status).toBe("inconclusive");
    const check = results[1].checks.find((c) => c.kind === "check:stopSequenceTruncates")!;
    expect(check.inconclusive).toMatch(/server not reproducible: case probe fail/);
    const verdicts = computeVerdicts(CHAT_CLAUSES, ["core"], cases, results);
    const v = verdicts.clauses.find((x) => x.id === "CHAT-017")!;
    expect(v.verdict).toBe("inconclusive");
    expect(verdicts.profiles[0].verdict).toBe("incomplete"); // an inconclusive MUST is never conformant
  });

  it("what the response shows alone is still judged: a stop string left in the content fails", async () => {
    const server = await fake((req, res) => json(res, 200, { choices: [{ index: 0, message: { role: "assistant", content: `one two ${Math.random()}` }, finish_reason: "stop" }] }));
    const results = await runCases(casesFrom(SUITE), config(server.url, { responseSchemas: [] }));
    const check = results[1].checks.find((c) => c.kind === "check:stopSequenceTruncates")!;
    expect(check.passed).toBe(false);
    expect(check.inconclusive).toBeUndefined();
    expect(check.message).toMatch(/contains a stop string/);
  });

  it("the loader refuses a comparison that does not say what it assumes", () => {
    expect(() => casesFrom(`cases:
  - id: c
    title: t
    profile: core
    clauses: [CHAT-017]
    steps:
      - name: reference
        request: { method: POST, path: /chat/completions, body: {} }
      - name: cut
        request: { method: POST, path: /chat/completions, body: {} }
        expect: { checks: [{ name: streamMatchesStep, args: { step: reference } }] }
`)).toThrow(/compares two responses: say which run fact it assumes/);
  });
});

describe("a failed step ends only the steps that need it", () => {
  const CASE = `cases:
  - id: steps
    title: t
    profile: core
    clauses: [CHAT-001]
    steps:
      - name: first
        request: { method: GET, path: /first }
        expect: { status: 200 }
        capture: { id: $.id }
      - name: independent
        request: { method: GET, path: /independent }
        expect: { status: 200 }
      - name: reads-first
        request: { method: GET, path: "/item/\${id}" }
      - name: after-independent
        after: [independent]
        request: { method: GET, path: /after }
`;

  it("knows what each step reads", () => {
    const [c] = casesFrom(CASE);
    expect(c.dependsOn).toEqual({ first: [], independent: [], "reads-first": ["first"], "after-independent": ["independent"] });
    expect(stepDependencies(c.steps)["reads-first"]).toEqual(["first"]);
  });

  it("sends the independent step after a failure, and reports each step it did not send with the reason", async () => {
    const server = await fake((req, res) => (req.url === "/v1/first" ? json(res, 500, { error: { message: "no" } }) : json(res, 200, { id: "a" })));
    const [r] = await runCases(casesFrom(CASE), config(server.url, { responseSchemas: [] }));
    expect(server.requests.map((q) => q.path)).toEqual(["/v1/first", "/v1/independent", "/v1/after"]);
    expect(r.status).toBe("fail");
    expect(r.notSent).toEqual([{ step: "reads-first", reason: "reads step first, which failed" }]);
  });
});

describe("one fact, one charge", () => {
  const result = (checks: CaseResult["checks"]): CaseResult => ({ id: "c", title: "t", profile: "core", clauses: ["CHAT-009"], status: "fail", checks, evidence: [], durationMs: 0, source: { file: "f", line: 1 } });
  const cases = casesFrom(`cases:
  - id: c
    title: t
    profile: core
    clauses: [CHAT-009, CHAT-023, EMB-010, EMB-014]
    request: { method: GET, path: /x }
`);

  it("a request that should have been rejected but was accepted blocks what its answer gets wrong", () => {
    const r = result([
      { kind: "status", step: "too-many", clauses: ["CHAT-009"], passed: false, description: "status 400", blocksStep: true },
      { kind: "synthetic-schema", step: "too-many", clauses: ["CHAT-023"], passed: false, description: "schema" },
    ]);
    const v = computeVerdicts(CHAT_CLAUSES, ["core"], cases, [r]).clauses;
    expect(v.find((x) => x.id === "CHAT-009")?.verdict).toBe("fail");
    expect(v.find((x) => x.id === "CHAT-023")).toMatchObject({ verdict: "blocked", blockedBy: ["CHAT-009"], failures: [] });
  });

  it("a prerequisite that failed on the same response blocks the dependent clause there, not elsewhere", () => {
    const prerequisites = new Map([["EMB-014", ["EMB-010"]]]);
    const same = result([
      { kind: "synthetic-schema", step: "a", clauses: ["EMB-010"], passed: false, description: "null values" },
      { kind: "check:embeddingDimensions", step: "a", clauses: ["EMB-014"], passed: false, description: "dimensions" },
    ]);
    expect(computeVerdicts(CHAT_CLAUSES, ["core"], cases, [same], undefined, undefined, prerequisites).clauses.find((x) => x.id === "EMB-014")?.verdict).toBe("blocked");
    const other = result([
      { kind: "synthetic-schema", step: "a", clauses: ["EMB-010"], passed: false, description: "null values" },
      { kind: "check:embeddingDimensions", step: "b", clauses: ["EMB-014"], passed: false, description: "dimensions" },
    ]);
    expect(computeVerdicts(CHAT_CLAUSES, ["core"], cases, [other], undefined, undefined, prerequisites).clauses.find((x) => x.id === "EMB-014")?.verdict).toBe("fail");
  });
});

describe("checks that judge nothing are vacuous, not passes", () => {
  const ctx = (document: unknown) => ({ request: { method: "POST", url: "http://x/v1/chat/completions", headers: {}, body: {} }, response: { status: 200, headers: {}, bodyText: JSON.stringify(document), json: document, durationMs: 1, receivedAtMs: 0 }, document, steps: {}, variables: {}, getValidator: () => () => ({ valid: true, errors: [] }) });
  const noCalls = { choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }] };

  it.each(["argumentsConcatenateToValidJson", "contentIsJson"])("%s over an answer with nothing to judge", (name) => {
    const doc = name === "contentIsJson" ? { choices: [{ index: 0, message: { content: "{" }, finish_reason: "length" }] } : noCalls;
    expect(checkRegistry.get(name)!.run({}, ctx(doc))).toMatchObject({ passed: true, vacuous: true });
  });

  it("jsonTextAlone judges only the start of an answer cut by the token limit", () => {
    const run = (content: string, finish: string) => checkRegistry.get("jsonTextAlone")!.run({}, ctx({ choices: [{ index: 0, message: { content }, finish_reason: finish }] }));
    expect(run('{"city": "Par', "length").passed).toBe(true);
    expect(run('{"city": "Par', "stop").passed).toBe(false);
    expect(run("alph zes", "length").passed).toBe(false);
    expect(run('```json\n{"a":1}\n```', "stop").passed).toBe(false);
    expect(run('{"a":1}', "stop").passed).toBe(true);
  });
});

describe("what a precondition step that does not hold says", () => {
  const CLAUSES: ClauseInfo[] = ["TOOL-001", "TOOL-019", "HTTP-024", "HTTP-025", "STREAM-011"].map((id) => ({ id, level: "MUST", profile: "core", text: id, testable: true, withdrawn: false }));
  const cases = casesFrom(`cases:
  - id: capability
    title: t
    profile: core
    clauses: [STREAM-011]
    steps:
      - { name: supports-n, precondition: true, request: { method: GET, path: /declined }, expect: { status: 200 } }
      - { name: judged, request: { method: GET, path: /declined } }
  - id: evidence
    title: t
    profile: core
    clauses: [TOOL-019]
    steps:
      - { name: called, precondition: evidence, request: { method: GET, path: /no-call }, expect: { assert: [{ path: "$.calls", exists: true }] } }
      - { name: judged, request: { method: GET, path: /no-call } }
  - id: requirement
    title: t
    profile: core
    clauses: [HTTP-025]
    steps:
      - { name: answers-405, precondition: true, request: { method: GET, path: /no-405 }, expect: { status: { in: 405, clause: HTTP-024 } } }
      - { name: judged, request: { method: GET, path: /no-405 } }
`);

  it("a declined capability: not applicable; nothing to judge: untested; another clause's requirement: blocked by it, and charged", async () => {
    const server = await fake((req, res) => (req.url === "/v1/declined" ? json(res, 400, { error: { message: "n > 1 is not supported", type: "invalid_request_error", param: "n", code: null } }) : json(res, 200, {})));
    const results = await runCases(cases, config(server.url, { responseSchemas: [] }));
    expect(results.map((r) => r.status)).toEqual(["precondition-failed", "precondition-failed", "fail"]);
    expect(results[2].precondition).toEqual({ kind: "capability", blockedBy: ["HTTP-024"] });
    expect(results[2].notSent).toEqual([{ step: "judged", reason: "precondition step answers-405 does not hold" }]);
    const v = new Map(computeVerdicts(CLAUSES, ["core"], cases, results).clauses.map((x) => [x.id, x]));
    expect(v.get("STREAM-011")?.verdict).toBe("not-applicable");
    expect(v.get("TOOL-019")?.verdict).toBe("untested");
    expect(v.get("TOOL-019")?.note).toMatch(/produced nothing to judge/);
    expect(v.get("HTTP-025")).toMatchObject({ verdict: "blocked", blockedBy: ["HTTP-024"] });
    expect(v.get("HTTP-024")?.verdict).toBe("fail");
  });
});
