import { describe, expect, it } from "vitest";
import { parsePath, queryAll } from "../../tools/conformance/jsonpath.js";
import { evaluateAssertion } from "../../tools/conformance/assertions.js";
import { judgeStep, type JudgeContext } from "../../tools/conformance/judge.js";
import { clauseForPointer, findRule, pathMatches } from "../../tools/conformance/synthetic.js";
import { checkRegistry } from "../../tools/conformance/checks/index.js";
import fc from "fast-check";
import { expandJsonBody, expandPath, expandValue, MAX_LIST_ITEMS, MAX_REPEAT, TemplateError } from "../../tools/conformance/template.js";
import type { Step } from "../../tools/conformance/model.js";
import { chunk, response } from "./check-context.js";
import { casesFrom } from "./harness.js";

describe("JSON-path dialect", () => {
  const doc = { choices: [{ index: 0, message: { content: "a" } }, { index: 1 }], "x-y": { "a b": 1 } };
  it("selects members, indexes, negative indexes and wildcards", () => {
    expect(queryAll(doc, "$.choices[0].message.content")).toEqual(["a"]);
    expect(queryAll(doc, "$.choices[*].index")).toEqual([0, 1]);
    expect(queryAll(doc, "$.choices[-1].index")).toEqual([1]);
    expect(queryAll(doc, '$.x-y["a b"]')).toEqual([1]);
    expect(queryAll(doc, "$['x-y'].*")).toEqual([1]);
    expect(queryAll(doc, "$.choices[5]")).toEqual([]);
    expect(queryAll(doc, "$")).toEqual([doc]);
  });
  it("rejects what it does not support, saying where", () => {
    expect(() => parsePath("$..a")).toThrow(/member name/);
    expect(() => parsePath("$[?(@.a)]")).toThrow(/character 2/);
    expect(() => parsePath("choices")).toThrow(/starts with/);
  });
});

describe("assertions", () => {
  const resolve = (x: unknown) => x;
  const doc = { a: 1, s: "hello", list: [1, 2, 3], n: null, items: [{ t: "x" }, { t: "y" }] };
  const ok = (a: Record<string, unknown>) => evaluateAssertion(a, doc, { "x-id": "abc" }, resolve).passed;
  it("evaluates every operator", () => {
    expect(ok({ path: "$.a", equals: 1 })).toBe(true);
    expect(ok({ path: "$.a", notEquals: 1 })).toBe(false);
    expect(ok({ path: "$.items[*].t", in: ["x", "y"] })).toBe(true);
    expect(ok({ path: "$.items[*].t", in: ["x"] })).toBe(false);
    expect(ok({ path: "$.a", type: "integer" })).toBe(true);
    expect(ok({ path: "$.a", type: "number" })).toBe(true);
    expect(ok({ path: "$.n", type: ["string", "null"] })).toBe(true);
    expect(ok({ path: "$.s", matches: "^h.*o$" })).toBe(true);
    expect(ok({ path: "$.s", notMatches: "^h" })).toBe(false);
    expect(ok({ path: "$.missing", exists: false })).toBe(true);
    expect(ok({ path: "$.missing", absent: true })).toBe(true);
    expect(ok({ path: "$.a", absent: true })).toBe(false);
    expect(ok({ path: "$.items[*]", count: 2 })).toBe(true);
    expect(ok({ path: "$.list", lengthEquals: 3 })).toBe(true);
    expect(ok({ path: "$.s", lengthAtLeast: 6 })).toBe(false);
    expect(ok({ path: "$.list", lengthAtMost: 3 })).toBe(true);
    expect(ok({ path: "$.a", lessThan: 2, greaterOrEqual: 1 })).toBe(true);
    expect(ok({ path: "$.a", lessOrEqual: 0 })).toBe(false);
    expect(ok({ path: "$.a", greaterThan: 1 })).toBe(false);
    expect(ok({ path: "$.list", contains: 2 })).toBe(true);
    expect(ok({ path: "$.s", contains: "ell" })).toBe(true);
    expect(ok({ path: "$.s", notContains: "ell" })).toBe(false);
    expect(ok({ header: "X-Id", equals: "abc" })).toBe(true);
    expect(ok({ header: "x-other", exists: false })).toBe(true);
  });
  it("fails on a path that matches nothing unless optional, and says what came", () => {
    const out = evaluateAssertion({ path: "$.missing", equals: 1 }, doc, {}, resolve);
    expect(out).toMatchObject({ passed: false, got: "matched nothing" });
    expect(ok({ path: "$.missing", equals: 1, optional: true })).toBe(true);
    const bad = evaluateAssertion({ path: "$.items[*].t", equals: "x" }, doc, {}, resolve);
    expect(bad.got).toBe('"y" (match 2 of 2)');
  });
});

describe("templates", () => {
  const scope = { variables: { model: "org/m 1", calls: [{ id: 1 }], n: 3 }, secrets: { apiKey: "k" } };
  it("keeps JSON types for whole-string variables and writes text inside strings", () => {
    expect(expandValue({ a: "${calls}", b: "n=${n}", c: "${n}", d: "${repeat:3:ab}" }, scope)).toEqual({ a: [{ id: 1 }], b: "n=3", c: 3, d: "ababab" });
    expect(expandPath("/models/${model}", scope)).toBe("/models/org%2Fm%201");
    expect(() => expandValue("${nope}", scope)).toThrow(/no value/);
  });

  it("serialises a body to the bytes of JSON.stringify, repeats written as fills", () => {
    const same = (template: unknown) => {
      const body = expandJsonBody(template, scope);
      const expected = JSON.stringify(expandValue(template, scope));
      expect(body.bytes.toString("utf8")).toBe(expected);
      expect(body.text()).toBe(expected);
      expect(body.value).toEqual(expandValue(template, scope));
    };
    same({ model: "${model}", user: "${repeat:5:a\"é\n}", n: "${n}", list: ["x${repeat:3:€}y${n}", "${calls}", 1, null, true], "k\"ey": { deep: "${repeat:0:z}" } });
    // Surrogate pairs that form across a repeat's edges are written raw, as JSON.stringify writes them.
    same(["${repeat:2:😀}", "a${repeat:2:\ud800}b", "\udc00${repeat:1:x}", "\ud800${repeat:1:\udc00}", "${repeat:2:\udc00\ud800}"]);
    same({ plain: "${model}", nested: [{ a: 1 }] });
    expect(() => expandJsonBody({ big: `\${repeat:${MAX_REPEAT + 1}:a}` }, scope)).toThrow(TemplateError);
  });

  it("makes ${list:…} arrays sized by a number or a variable, and refuses a count that is not a sane whole number", () => {
    const lists = { ...scope, variables: { ...scope.variables, two: 2, half: 1.5, text: "4", huge: MAX_LIST_ITEMS + 1 } };
    expect(expandValue({ a: "${list:two:x y}", b: "${list:3:z}", c: "${list:0:z}" }, lists)).toEqual({ a: ["x y", "x y"], b: ["z", "z", "z"], c: [] });
    expect(expandJsonBody({ input: "${list:two:é}" }, lists).bytes.toString("utf8")).toBe('{"input":["é","é"]}');
    expect(() => expandValue("${list:half:x}", lists)).toThrow(/needs a whole number of items, but half is 1.5/);
    expect(() => expandValue("${list:text:x}", lists)).toThrow(/whole number/);
    expect(() => expandValue("${list:huge:x}", lists)).toThrow(/more than the runner sends/);
    expect(() => expandValue("${list:missing:x}", lists)).toThrow(/no value for \$\{missing\}/);
  });

  it("serialises any template as JSON.stringify would (property)", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "\"", "\\", "\n", "é", "€", "😀", "\ud800", "\udc00", "\u0001", "${n}", "${model}") });
    const piece = fc.oneof(text, fc.tuple(fc.nat(20), text).map(([count, unit]) => `\${repeat:${count}:${unit.replace(/[{}]/g, "")}}`));
    const str = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(""));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, str, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), tie("value"), { maxKeys: 3 })),
    }));
    fc.assert(fc.property(value, (template) => {
      const body = expandJsonBody(template, scope);
      expect(body.bytes.toString("utf8")).toBe(JSON.stringify(expandValue(template, scope)));
      expect(body.value).toEqual(expandValue(template, scope));
    }));
  });
});

describe("synthetic schema rules", () => {
  it("matches by method, path pattern, status class and stream; maps error pointers to clauses", () => {
    const rules = [
      { match: { status: ["4xx", "5xx"] }, schema: "error", clause: "ERR-002" },
      { match: { method: "GET", path: "/models/*", status: "2xx" }, schema: "model", clause: "MODEL-008" },
      { match: { method: "POST", path: "/chat/completions", status: 200, stream: true }, schema: "chat-completion-chunk", clause: "STREAM-007" },
    ];
    expect(findRule(rules, { method: "GET", path: "/models/x%2Fy", status: 200, stream: false })?.schema).toBe("model");
    expect(findRule(rules, { method: "GET", path: "/models/x/y", status: 200, stream: false })).toBeUndefined();
    expect(findRule(rules, { method: "POST", path: "/chat/completions", status: 503, stream: false })?.schema).toBe("error");
    expect(findRule(rules, { method: "POST", path: "/chat/completions", status: 200, stream: true })?.schema).toBe("chat-completion-chunk");
    expect(findRule(rules, { method: "POST", path: "/chat/completions", status: 200, stream: false })).toBeUndefined();
    expect(pathMatches("/models?x=1", "/models")).toBe(true);
    // `*` is one non-empty segment: /models/ (served as /models by some servers, HTTP-013) is no retrieval.
    expect(pathMatches("/models/", "/models/*")).toBe(false);
    const pointers = { "/data/*": "MODEL-002", "/data/*/created": "MODEL-003", "/": "X-001" };
    expect(clauseForPointer("/data/0/created", "MODEL-001", pointers)).toBe("MODEL-003");
    expect(clauseForPointer("/data/3", "MODEL-001", pointers)).toBe("MODEL-002");
    expect(clauseForPointer("/object", "MODEL-001", pointers)).toBe("X-001");
    expect(clauseForPointer("/object", "MODEL-001", {})).toBe("MODEL-001");
  });
});

describe("judgeStep", () => {
  const context = (over: Partial<JudgeContext> = {}): JudgeContext => ({
    caseClauses: ["STREAM-001"],
    scope: { variables: { model: "m" }, secrets: {} },
    steps: {},
    getValidator: (name) => (doc) => {
      const ok = name !== "chunk" || (typeof doc === "object" && doc !== null && (doc as { object?: string }).object === "chat.completion.chunk");
      return { valid: ok, errors: ok ? [] : [{ pointer: "/object", message: "must be chat.completion.chunk" }] };
    },
    checks: checkRegistry,
    responseSchemas: [{ match: { stream: true }, schema: "chunk", clause: "STREAM-007", pointers: { "/object": "STREAM-099" } }],
    basePath: "/v1",
    ...over,
  });
  const req = { method: "POST", url: "http://h/v1/chat/completions", headers: {} };
  const streamStep = (rules: string): Step => casesFrom(`cases:
  - id: s
    title: t
    profile: streaming
    clauses: [STREAM-001]
    request: { method: POST, path: /chat/completions, body: { stream: true } }
    expect:
      stream: ${rules}
`)[0].steps[0];

  it("applies stream rules: content type, terminator, caps-free rules with their own clauses", () => {
    const step = streamStep("{ terminator: { data: '[DONE]', clause: STREAM-003 }, sameIdAcrossChunks: { clause: STREAM-007 }, oneFinishPerChoice: true }");
    const good = response({ chunks: [chunk([{ index: 0, delta: { role: "assistant" }, finish_reason: null }]), chunk([{ index: 0, delta: {}, finish_reason: "stop" }])], headers: { "content-type": "text/event-stream; charset=utf-8" } });
    const { results } = judgeStep(step, { request: req, response: good }, context());
    expect(results.every((r) => r.passed)).toBe(true);
    expect(results.map((r) => `${r.kind}:${r.clauses.join("+")}`)).toEqual([
      "synthetic-schema:STREAM-007+STREAM-099",
      "stream:contentType:STREAM-001",
      "stream:terminator:STREAM-003",
      "stream:sameIdAcrossChunks:STREAM-007",
      "stream:oneFinishPerChoice:STREAM-001",
    ]);
  });

  it("reports a missing terminator, events after it, and schema errors under the precise clause", () => {
    const step = streamStep("{ terminator: { clause: STREAM-003 } }");
    const noDone = response({ chunks: [chunk([])], headers: { "content-type": "text/event-stream" } });
    noDone.events!.pop();
    const after = response({ chunks: [chunk([])], headers: { "content-type": "text/event-stream" } });
    after.events!.push({ data: '{"late":true}', event: "message", json: { late: true }, atMs: 1 });
    const badObject = response({ chunks: [{ ...chunk([]), object: "chat.completion" }], headers: { "content-type": "text/event-stream" } });
    const r1 = judgeStep(step, { request: req, response: noDone }, context()).results.find((r) => r.kind === "stream:terminator")!;
    expect(r1).toMatchObject({ passed: false, clauses: ["STREAM-003"] });
    const r2 = judgeStep(step, { request: req, response: after }, context()).results.find((r) => r.kind === "stream:terminator")!;
    expect(r2.got).toMatch(/1 event\(s\) after it/);
    const r3 = judgeStep(step, { request: req, response: badObject }, context()).results.find((r) => r.kind === "synthetic-schema")!;
    expect(r3).toMatchObject({ passed: false, clauses: ["STREAM-099"] });
    expect(r3.got).toMatch(/event 1: \/object/);
  });

  it("fails the stream rules when the answer is not a stream", () => {
    const step = streamStep("{ terminator: '[DONE]' }");
    const { results } = judgeStep(step, { request: req, response: response({ json: { error: {} }, status: 400, headers: { "content-type": "application/json" } }) }, context());
    expect(results.filter((r) => !r.passed).map((r) => r.kind)).toEqual(["stream:contentType", "stream:events"]);
  });

  it("records a failed capture as a failure of the step's clauses", () => {
    const step = casesFrom(`cases:
  - { id: c, title: t, profile: core, clauses: [TOOL-009], request: { method: GET, path: /x }, capture: { id: "$.choices[0].message.tool_calls[0].id" }, expect: { noSynthetic: true } }
`)[0].steps[0];
    const out = judgeStep(step, { request: req, response: response({ json: { choices: [{ message: {} }] } }) }, context({ caseClauses: ["TOOL-009"] }));
    expect(out.results).toMatchObject([{ kind: "capture", passed: false, clauses: ["TOOL-009"] }]);
    expect(out.captures).toEqual({});
  });
});

describe("judgeStep after a wrong status", () => {
  it("does not judge body expectations, so one wrong answer fails only the status's clauses", () => {
    const step = casesFrom(`cases:
  - id: c
    title: t
    profile: core
    clauses: [HTTP-004]
    request: { method: POST, path: /chat/completions, body: {} }
    expect:
      status: 415
      headers: { content-type: "^application/json" }
      assert:
        - { path: $.error.type, equals: invalid_request_error, clause: ERR-005 }
        - { header: content-type, matches: json, clause: HTTP-011 }
      checks: [{ name: usageArithmetic, clause: CHAT-034 }]
`)[0].steps[0];
    const res = response({ json: { object: "chat.completion" }, headers: { "content-type": "application/json" } });
    const { results } = judgeStep(step, { request: { method: "POST", url: "http://h/v1/chat/completions", headers: {} }, response: res }, {
      caseClauses: ["HTTP-004"], scope: { variables: {}, secrets: {} }, steps: {}, getValidator: () => () => ({ valid: true, errors: [] }), checks: checkRegistry, responseSchemas: [],
    });
    expect(results.map((r) => `${r.kind}:${r.clauses.join(",")}:${r.passed}`)).toEqual(["status:HTTP-004:false", "header:HTTP-004:true", "assert:HTTP-011:true"]);
    expect(results[0].message).toBe("2 expectation(s) on the body were not judged");
  });
});

describe("wildcards over empty collections", () => {
  it("pass vacuously when the collection exists and is empty, fail when it is missing", () => {
    const r = (doc: unknown, path: string) => evaluateAssertion({ path, equals: "model" }, doc, {}, (x) => x).passed;
    expect(r({ data: [] }, "$.data[*].object")).toBe(true);
    expect(r({ data: {} }, "$.data.*")).toBe(true);
    expect(r({}, "$.data[*].object")).toBe(false);
    expect(r({ data: [{}] }, "$.data[*].object")).toBe(false);
    expect(r({ data: [] }, "$.data[0].object")).toBe(false);
  });

  it("pass vacuously when a deeper wildcard meets only empty collections (an empty answer has no logprob entries)", () => {
    const r = (doc: unknown, path: string) => evaluateAssertion({ path, type: "string" }, doc, {}, (x) => x);
    const empty = r({ choices: [{ logprobs: { content: [] } }] }, "$.choices[*].logprobs.content[*].token");
    expect(empty.passed).toBe(true);
    expect(empty.vacuous).toBe(true);
    expect(r({ choices: [{ logprobs: null }] }, "$.choices[*].logprobs.content[*].token").passed).toBe(false);
    expect(r({ choices: [{ logprobs: { content: [{}] } }] }, "$.choices[*].logprobs.content[*].token").passed).toBe(false);
    expect(r({ choices: [{ logprobs: { content: 3 } }] }, "$.choices[*].logprobs.content[*].token").passed).toBe(false);
  });
});

describe("keyword-specific pointer patterns", () => {
  it("send a minItems error on /data to its own clause, other errors there to the general one", () => {
    const pointers = { "/data#minItems": "MODEL-005", "/data/*": "MODEL-002" };
    expect(clauseForPointer("/data", "MODEL-001", pointers, "minItems")).toBe("MODEL-005");
    expect(clauseForPointer("/data", "MODEL-001", pointers, "type")).toBe("MODEL-001");
    expect(clauseForPointer("/data/0", "MODEL-001", pointers, "required")).toBe("MODEL-002");
  });
});

describe("a body meant as JSON that does not parse", () => {
  it("fails the not-JSON clause alone and leaves the rest of the body unjudged", () => {
    const step = casesFrom(`cases:
  - id: c
    title: t
    profile: core
    clauses: [MODEL-001]
    request: { method: GET, path: /models }
    expect:
      status: 200
      assert: [{ path: $.object, equals: list, clause: MODEL-001 }]
      checks: [{ name: uniqueValues, args: { path: "$.data[*].id" }, clause: MODEL-004 }]
`)[0].steps[0];
    const res = { status: 200, headers: { "content-type": "application/json" }, bodyText: '{"object":"list","score":NaN}', jsonError: "Unexpected token N", durationMs: 1, receivedAtMs: 0 };
    const { results } = judgeStep(step, { request: { method: "GET", url: "http://h/v1/models", headers: {} }, response: res }, {
      caseClauses: ["MODEL-001"], scope: { variables: {}, secrets: {} }, steps: {}, getValidator: () => () => ({ valid: true, errors: [] }), checks: checkRegistry,
      responseSchemas: [{ match: { method: "GET", path: "/models", status: "2xx" }, schema: "model-list", clause: "MODEL-001" }], basePath: "/v1", notJsonClause: "HTTP-012",
    });
    expect(results.map((r) => `${r.kind}:${r.clauses.join(",")}:${r.passed}`)).toEqual(["status:MODEL-001:true", "json:HTTP-012:false"]);
  });
});
