import { describe, expect, it } from "vitest";
import { signalOf, TargetHealth, type TargetDown } from "../../tools/conformance/health.js";
import { answersAtAll } from "../../tools/conformance/preflight.js";
import { runCases } from "../../tools/conformance/runner.js";
import type { TransportError } from "../../tools/http/types.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";
import { casesFrom, config } from "./harness.js";

const refused: TransportError = { kind: "connect", message: "cannot connect: ECONNREFUSED" };
const timeout: TransportError = { kind: "timeout", message: "no complete response within 30000 ms" };
const reset: TransportError = { kind: "reset", message: "socket hang up" };

/** A watch and a small script language: send(case) at a time, then settle(token, outcome) at a time. */
function watch(answeredBefore = true) {
  const downs: TargetDown[] = [];
  const health = new TargetHealth({ answeredBefore, onDown: (d) => downs.push(d) });
  const send = (caseId: string, at: number, step = "request") => health.sent({ caseId, step, describe: () => `POST http://x/v1/chat/completions (${caseId})` }, at);
  return { health, downs, send };
}

describe("target health", () => {
  it("classifies outcomes: an answer of any kind, no answer (refused, timed out), or nothing to say (reset, the run's own aborts)", () => {
    expect(signalOf(undefined)).toBe("answered");
    for (const kind of ["oversize", "stream-cap", "json-limit", "protocol"] as const) expect(signalOf({ kind, message: "" })).toBe("answered");
    expect(signalOf(refused)).toBe("no-answer");
    expect(signalOf(timeout)).toBe("no-answer");
    for (const kind of ["reset", "deadline", "aborted"] as const) expect(signalOf({ kind, message: "" })).toBe("neutral");
    // A case's own stream cap (no first event within 10 s) judges speed: a slow server is not a gone one.
    expect(signalOf({ kind: "timeout", message: "no stream event within 10000 ms", byCap: true })).toBe("neutral");
  });

  it("a crash: the request in flight is reset, the next two are refused; the case named is the one whose request was sent last before it stopped", () => {
    const { health, downs, send } = watch();
    health.settled(send("a", 0), undefined, 5);
    const killer = send("b", 10);
    health.settled(killer, reset, 20);
    health.settled(send("c", 21), refused, 22);
    expect(health.down).toBeUndefined();
    health.settled(send("d", 23), refused, 24);
    expect(downs).toHaveLength(1);
    expect(downs[0].kind).toBe("crash");
    expect(downs[0].lastRequest).toEqual({ caseId: "b", step: "request", request: "POST http://x/v1/chat/completions (b)" });
    expect(downs[0].reason).toMatch(/^target down: it refused 2 connections in a row \(it crashed or was stopped\); the last request sent before it stopped answering was case b, step request$/);
  });

  it("a hang with requests in flight concurrently: every unanswered request sent before the first timeout is a suspect, the last sent is named", () => {
    const { health, downs, send } = watch();
    const [w, x, y, z] = [send("w", 0), send("x", 1), send("y", 2), send("z", 3)];
    health.settled(w, timeout, 30_000);
    health.settled(x, timeout, 30_001);
    expect(downs[0].kind).toBe("hang");
    expect(downs[0].lastRequest.caseId).toBe("z");
    expect(downs[0].alsoInFlight).toEqual(["w", "x", "y"]);
    // Later outcomes change nothing: the target was declared down once.
    health.settled(y, timeout, 30_002);
    health.settled(z, undefined, 30_003);
    expect(downs).toHaveLength(1);
  });

  it("an answer in between resets the count: failures scattered through a run are not a target down", () => {
    const { health, downs, send } = watch();
    for (let i = 0; i < 10; i++) {
      health.settled(send(`slow-${i}`, i * 10), timeout, i * 10 + 5);
      health.settled(send(`ok-${i}`, i * 10 + 6), undefined, i * 10 + 7);
    }
    expect(downs).toEqual([]);
  });

  it("resets alone never mean down (a server that resets every stream still answers); nor do failures before the target ever answered", () => {
    const resets = watch();
    for (let i = 0; i < 10; i++) resets.health.settled(resets.send(`r${i}`, i), reset, i + 0.5);
    expect(resets.downs).toEqual([]);
    const never = watch(false);
    for (let i = 0; i < 5; i++) never.health.settled(never.send(`n${i}`, i), refused, i + 0.5);
    expect(never.downs).toEqual([]);
  });

  it("requests sent after it stopped answering are not suspects, and a mix of refusals and timeouts is named as such", () => {
    const { health, downs, send } = watch();
    health.settled(send("before", 0), undefined, 1);
    const hung = send("hung", 2);
    health.settled(hung, timeout, 100);
    health.settled(send("after", 101), refused, 102);
    expect(downs[0].kind).toBe("both");
    expect(downs[0].lastRequest.caseId).toBe("hung");
    expect(downs[0].alsoInFlight).toEqual([]);
  });
});

describe("the runner stops when the target goes down", () => {
  const { fake } = fakesClosedAfterEach();
  const cases = (n: number, marker = -1) =>
    casesFrom(
      `cases:\n${Array.from({ length: n }, (_, i) => `  - { id: c${i}, title: t, profile: core, clauses: [CHAT-001], request: { method: POST, path: /chat/completions, body: { model: m, messages: [{ role: user, content: "${i === marker ? "crash now" : `hello ${i}`}" }] } }, expect: { status: 200 } }`).join("\n")}\n`,
    );

  it("a hang: two requests in a row time out, nothing more is sent, the remaining cases are unfinished (target down)", async () => {
    const server = await fake((req, res) => (req.method === "GET" ? json(res, 200, { object: "list", data: [] }) : undefined));
    const health = new TargetHealth({ answeredBefore: true });
    const results = await runCases(cases(20), config(server.url, { timeoutMs: 300, concurrency: 2, health: () => health }));
    expect(health.down?.kind).toBe("hang");
    expect(results.filter((r) => r.reason?.includes("timeout"))).toHaveLength(2);
    // The worker whose request timed out first may have sent its next one before the second timeout came.
    expect(server.requests.length).toBeLessThanOrEqual(3);
    const unfinished = results.filter((r) => r.unfinished);
    expect(unfinished).toHaveLength(18);
    expect(new Set(unfinished.map((r) => `${r.status}: ${r.reason}`))).toEqual(new Set(["error: target down during step request", "error: target down before the case started"]));
  });

  it("a crash: the case whose request killed it is named with that request; the POST is never sent again; refusals stop the run", async () => {
    const key = "sk-health-SECRET-4242424242";
    let server: Awaited<ReturnType<typeof fake>>;
    server = await fake((req, res) => {
      if (req.body.includes("crash now")) return void server.close(); // destroys every connection and stops listening
      json(res, 200, { ok: true });
    });
    const health = new TargetHealth({ answeredBefore: true });
    // As lis conformance does: a POST whose connection closed goes again only if GET /models still answers.
    const results = await runCases(cases(12, 4), config(server.url, { apiKey: key, concurrency: 1, health: () => health, mayResend: (url) => answersAtAll(url, key, 1000) }));
    const killers = server.requests.filter((r) => r.body.includes("crash now"));
    expect(killers).toHaveLength(1);
    expect(health.down?.kind).toBe("crash");
    expect(health.down?.lastRequest.caseId).toBe("c4");
    expect(health.down?.lastRequest.request).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions\n(.*\n)*authorization: Bearer \[REDACTED\]\n/);
    expect(health.down?.lastRequest.request).toContain("crash now");
    expect(health.down?.lastRequest.request).not.toContain("SECRET");
    expect(results.map((r) => r.status)).toEqual([...Array(4).fill("pass"), ...Array(8).fill("error")]);
    // The killer's connection reset (and the POST was not sent again), then two refusals in a row.
    expect(results.slice(4, 7).map((r) => /^step request: (\w+):/.exec(r.reason ?? "")?.[1])).toEqual(["reset", "connect", "connect"]);
    expect(results.filter((r) => r.unfinished).map((r) => r.id)).toEqual(["c7", "c8", "c9", "c10", "c11"]);
  });
});

describe("each target is watched on its own", () => {
  const { fake } = fakesClosedAfterEach();
  it("the embeddings server going down stops only its cases; the chat server's go on", async () => {
    const chat = await fake((_req, res) => json(res, 200, { ok: true }));
    let embeddings: Awaited<ReturnType<typeof fake>>;
    embeddings = await fake(() => void embeddings.close()); // dies on the first request
    const list = casesFrom(`cases:
${Array.from({ length: 6 }, (_, i) => `  - { id: e${i}, title: t, profile: embeddings, clauses: [EMB-001], request: { method: POST, path: /embeddings, body: { model: m, input: x } }, expect: { status: 200 } }
  - { id: c${i}, title: t, profile: core, clauses: [CHAT-001], request: { method: POST, path: /chat/completions, body: { model: m } }, expect: { status: 200 } }`).join("\n")}
`);
    const watches = new Map<string, TargetHealth>();
    const health = (url: string) => watches.get(url) ?? watches.set(url, new TargetHealth({ answeredBefore: true })).get(url);
    const results = await runCases(list, config(chat.url, { concurrency: 1, embeddingBaseUrl: embeddings.url, profiles: ["core", "embeddings"], health, mayResend: (url) => answersAtAll(url, undefined, 1000) }));
    expect(watches.get(embeddings.url)?.down?.kind).toBe("crash");
    expect(watches.get(chat.url)?.down).toBeUndefined();
    expect(results.filter((r) => r.id.startsWith("c")).map((r) => r.status)).toEqual(Array(6).fill("pass"));
    expect(results.filter((r) => r.unfinished).map((r) => r.id)).toEqual(["e3", "e4", "e5"]);
  });
});
