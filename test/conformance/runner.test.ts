import { describe, expect, it } from "vitest";
import { createServer as createTcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { runCases } from "../../tools/conformance/runner.js";
import { casesFrom, config } from "./harness.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";

const { fake, closeAfterTest } = fakesClosedAfterEach();

const MODELS = { object: "list", data: [{ id: "m1", object: "model", created: 1, owned_by: "x" }] };

describe("runner against fake servers", () => {
  it("passes a case whose response meets its expectations, with the synthetic schema check included", async () => {
    const server = await fake((req, res) => json(res, 200, MODELS));
    const cases = casesFrom(`cases:
  - id: list
    title: t
    profile: core
    clauses: [MODEL-001]
    request: { method: GET, path: /models }
    expect:
      status: 200
      headers: { content-type: "^application/json" }
      assert:
        - { path: "$.data[*].id", equals: "\${model}" }
`);
    const [r] = await runCases(cases, config(server.url));
    expect(r.status).toBe("pass");
    expect(r.checks.map((c) => c.kind)).toEqual(["status", "header", "synthetic-schema", "assert"]);
    expect(r.checks.find((c) => c.kind === "synthetic-schema")?.clauses).toEqual(["MODEL-001"]);
    expect(server.requests[0].path).toBe("/v1/models");
  });

  it("feeds captured values, with their JSON type, into later steps", async () => {
    const server = await fake((req, res) => {
      if (req.url === "/v1/first") return json(res, 200, { id: "a/b", calls: [{ id: "c1" }] });
      return json(res, 200, { echoed: JSON.parse(req.body || "null") });
    });
    const cases = casesFrom(`cases:
  - id: two
    title: t
    profile: core
    clauses: [TOOL-016]
    steps:
      - name: first
        request: { method: GET, path: /first }
        capture: { thing: $.id, calls: $.calls }
      - name: second
        request: { method: POST, path: "/second/\${thing}", body: { calls: "\${calls}", text: "id=\${thing}" } }
        expect:
          assert:
            - { path: "$.echoed.calls[0].id", equals: c1 }
            - { path: "$.echoed.text", equals: { step: first, path: $.id }, message: "not used" }
`);
    const [r] = await runCases(cases, config(server.url));
    expect(server.requests[1].path).toBe("/v1/second/a%2Fb");
    expect(JSON.parse(server.requests[1].body)).toEqual({ calls: [{ id: "c1" }], text: "id=a/b" });
    expect(r.status).toBe("fail"); // the second assertion compares "id=a/b" with "a/b"
    expect(r.checks.filter((c) => !c.passed).map((c) => c.message)).toEqual(["not used"]);
  });

  it("ends in precondition-failed when a precondition step or a requirement does not hold, and skips unselected profiles", async () => {
    const server = await fake((req, res) => json(res, 400, { error: { message: "no", type: "invalid_request_error", param: "input", code: "unsupported_value" } }));
    const cases = casesFrom(`cases:
  - id: pre
    title: t
    profile: core
    clauses: [EMB-003]
    steps:
      - { name: probe, precondition: true, request: { method: POST, path: /embeddings, body: { input: [1, 2] } }, expect: { status: 200 } }
      - { name: never, request: { method: GET, path: /never } }
  - id: needs-key
    title: t
    profile: core
    clauses: [HTTP-017]
    requires: [apiKey]
    request: { method: GET, path: /models }
  - id: needs-tools
    title: t
    profile: core
    clauses: [TOOL-001]
    requires: ["profile:tools"]
    request: { method: GET, path: /models }
`);
    const results = await runCases(cases, config(server.url));
    expect(results.map((r) => r.status)).toEqual(["precondition-failed", "precondition-failed", "skip"]);
    expect(results[0].reason).toMatch(/precondition step probe: status 200/);
    expect(results[0].checks).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/embeddings"]);
  });

  it("runs noApiKey cases against the keyless twin target, without the key", async () => {
    const keyed = await fake((req, res) => json(res, 200, MODELS));
    const keyless = await fake((req, res) => json(res, 200, MODELS));
    const cases = casesFrom(`cases:
  - { id: keyless-only, title: t, profile: core, clauses: [HTTP-021], requires: [noApiKey], request: { method: GET, path: /models, headers: { Authorization: "Bearer anything" } }, expect: { status: 200 } }
  - { id: keyed, title: t, profile: core, clauses: [HTTP-017], requires: [apiKey], request: { method: GET, path: /models }, expect: { status: 200 } }
`);
    const results = await runCases(cases, config(keyed.url, { apiKey: "sk-keyed-000000", keyless: { baseUrl: keyless.url } }));
    expect(results.map((r) => r.status)).toEqual(["pass", "pass"]);
    expect(keyless.requests.map((r) => r.headers.authorization)).toEqual(["Bearer anything"]);
    expect(keyed.requests.map((r) => r.headers.authorization)).toEqual(["Bearer sk-keyed-000000"]);
  });

  it("never follows a redirect, so the key never reaches another origin", async () => {
    const other = await fake((req, res) => json(res, 200, MODELS));
    const server = await fake((req, res) => {
      res.writeHead(307, { location: `${other.origin}/v1/models` });
      res.end();
    });
    const cases = casesFrom(`cases:
  - id: redirected
    title: t
    profile: core
    clauses: [HTTP-013]
    request: { method: GET, path: /models }
    expect: { status: 200, noSynthetic: true }
`);
    const [r] = await runCases(cases, config(server.url, { apiKey: "sk-secret-never-elsewhere" }));
    expect(r.status).toBe("fail");
    expect(r.checks[0].got).toBe("status 307");
    expect(other.requests).toEqual([]);
    expect(server.requests[0].headers.authorization).toBe("Bearer sk-secret-never-elsewhere");
  });

  it("redacts the API key everywhere, even when the server echoes it (whole or in part) in body and headers", async () => {
    const key = "sk-lis-PLANTED-0123456789abcdef";
    const server = await fake((req, res) => {
      const auth = String(req.headers.authorization ?? "");
      json(res, 401, { error: { message: `Invalid API key: ${auth}; hint ${key.slice(3, 15)}`, type: "authentication_error", param: null, code: "invalid_api_key" } }, { "x-echo": auth, "x-part": key.slice(-10) });
    });
    const cases = casesFrom(`cases:
  - id: echo
    title: t
    profile: core
    clauses: [HTTP-019]
    request: { method: POST, path: /chat/completions, headers: { X-Custom: "\${secret:apiKey}" }, body: { model: "\${model}" } }
    expect:
      status: 401
      assert:
        - { header: x-echo, equals: nothing }
        - { path: $.error.message, equals: nothing }
      checks:
        - name: apiKeyNotEchoed
`);
    const [r] = await runCases(cases, config(server.url, { apiKey: key }));
    expect(r.status).toBe("fail");
    expect(server.requests[0].headers["x-custom"]).toBe(key);
    const text = JSON.stringify(r);
    expect(text).toContain("[REDACTED]");
    for (let i = 0; i + 6 <= key.length; i++) expect(text).not.toContain(key.slice(i, i + 6));
    expect(r.checks.find((c) => c.kind === "check:apiKeyNotEchoed")?.passed).toBe(false);
  });
});

describe("defensive runner", () => {
  it("turns hangs, drips, resets, garbage, huge bodies and endless streams into errors, and finishes every case", async () => {
    const server = await fake((req, res) => {
      switch (req.url) {
        case "/v1/hang":
          return; // never answers
        case "/v1/drip": {
          res.writeHead(200, { "content-type": "application/json" });
          const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(" ")), 50);
          res.on("close", () => clearInterval(t));
          return;
        }
        case "/v1/reset":
          return req.socket.destroy();
        case "/v1/huge": {
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(`{"x":"${"a".repeat(300_000)}"}`);
        }
        case "/v1/endless": {
          res.writeHead(200, { "content-type": "text/event-stream" });
          const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(`data: {"n":1}\n\n`)), 1);
          res.on("close", () => clearInterval(t));
          return;
        }
        case "/v1/silent-stream":
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write(": keep-alive\n\n");
          return;
        case "/v1/not-json":
          res.writeHead(200, { "content-type": "application/json" });
          return res.end("{not json");
        default:
          return json(res, 200, MODELS);
      }
    });
    // A TCP server that answers HTTP with garbage.
    const garbage = createTcpServer((s: Socket) => s.once("data", () => s.end("GARBAGE\r\n\x00\x01\r\n\r\n")));
    await new Promise<void>((r) => garbage.listen(0, "127.0.0.1", r));
    closeAfterTest({ close: () => new Promise<void>((r) => garbage.close(() => r())) });
    const garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/v1`;

    const step = (id: string, path: string, extra = "") => `  - id: ${id}
    title: t
    profile: core
    clauses: [MODEL-001]
    request: { method: GET, path: ${path} }
${extra}`;
    const cases = casesFrom(`cases:
${step("hang", "/hang")}
${step("drip", "/drip")}
${step("reset", "/reset")}
${step("huge", "/huge")}
${step("endless", "/endless", "    expect: { stream: { maxEvents: 50 } }\n")}
${step("endless-time", "/endless", "    expect: { stream: { totalWithinMs: 300 } }\n")}
${step("silent", "/silent-stream", "    expect: { stream: { firstEventWithinMs: 200 } }\n")}
${step("not-json", "/not-json", "    expect: { assert: [{ path: $.object, equals: list }] }\n")}
${step("fine", "/models", "    expect: { status: 200 }\n")}
`);
    const results = await runCases(cases, config(server.url, { timeoutMs: 400, concurrency: 3 }));
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(Object.keys(byId)).toHaveLength(9);
    expect(byId.hang.status).toBe("error");
    expect(byId.hang.reason).toMatch(/timeout/);
    expect(byId.drip.reason).toMatch(/timeout/);
    expect(byId.reset.status).toBe("error");
    expect(byId.reset.reason).toMatch(/reset|closed/);
    expect(byId.huge.reason).toMatch(/oversize/);
    expect(byId.endless.reason).toMatch(/more than 50 events/);
    expect(byId["endless-time"].reason).toMatch(/did not end within 300 ms/);
    expect(byId.silent.reason).toMatch(/no stream event within 200 ms/);
    expect(byId["not-json"].status).toBe("fail");
    expect(byId["not-json"].checks.find((c) => c.kind === "assert")?.message).toMatch(/not JSON/);
    expect(byId.fine.status).toBe("pass");
    for (const r of results.filter((x) => x.status === "error")) expect(r.evidence[0].request).toMatch(/^GET http/);

    const [g] = await runCases(casesFrom(`cases:\n${step("garbage", "/models")}`), config(garbageUrl, { timeoutMs: 1000 }));
    expect(g.status).toBe("error");
    expect(g.reason).toMatch(/protocol|reset|failed/);
  });

  it("stops at the run deadline: in-flight and unstarted cases end in error", async () => {
    const server = await fake(() => undefined);
    const many = Array.from({ length: 4 }, (_, i) => `  - { id: c${i}, title: t, profile: core, clauses: [MODEL-001], request: { method: GET, path: /models } }`).join("\n");
    const results = await runCases(casesFrom(`cases:\n${many}\n`), config(server.url, { timeoutMs: 10_000, deadlineMs: 300, concurrency: 2 }));
    expect(results.map((r) => r.status)).toEqual(["error", "error", "error", "error"]);
    expect(results[0].reason).toMatch(/deadline/);
    expect(results[3].reason).toMatch(/deadline passed before the case started/);
  });
});
