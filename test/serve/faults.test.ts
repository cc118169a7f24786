import { describe, expect, it } from "vitest";
import { loadClauses } from "../../tools/clauses/registry.js";
import { FAULTS, listFaults } from "../../tools/serve/faults/index.js";
import { serve, streamEvents, chat } from "./support.js";

/** The profiles lis serve implements in full; each of their observable MUST clauses needs a fault. */
const IMPLEMENTED = ["core", "streaming", "tools", "structured-output", "embeddings", "reasoning"];
/** The latest version the server implements; its registry holds every clause of the earlier ones too. */
const LATEST = "1.1";

describe("the fault list and the clause registry", () => {
  const clauses = loadClauses(LATEST);
  const byId = new Map(clauses.map((c) => [c.id, c]));
  /** 1.1 asks for a fault for every observable clause it adds, MUST and SHOULD (design of 1.1). */
  const needsFault = (c: (typeof clauses)[number]) => c.level === "MUST" || (c.level === "SHOULD" && c.addedIn !== "1.0");

  it("has a fault for every observable MUST clause of the implemented profiles, and every observable clause 1.1 adds", () => {
    const faulted = new Set(FAULTS.map((f) => f.clause));
    const missing = clauses.filter((c) => !c.withdrawn && c.observable && needsFault(c) && (IMPLEMENTED.includes(c.profile) || c.addedIn !== "1.0") && !faulted.has(c.id));
    expect(missing.map((c) => `${c.id} (${c.file}:${c.line}) needs a fault in tools/serve/faults/ or "Fault: not-observable — <reason>"`)).toEqual([]);
  });

  it("names only existing, non-withdrawn MUST clauses (or SHOULD clauses added in 1.1), one fault per clause, each with a one-line description", () => {
    for (const f of FAULTS) {
      const clause = byId.get(f.clause);
      expect(clause, `${f.clause} is not a clause of spec ${LATEST}`).toBeDefined();
      expect(clause!.withdrawn, `${f.clause} is withdrawn`).toBe(false);
      expect(needsFault(clause!), `${f.clause} is neither a MUST clause nor a SHOULD clause added in 1.1`).toBe(true);
      expect(clause!.observable, `${f.clause} says it is not observable`).toBe(true);
      expect(f.description).toMatch(/^[^\n]{10,200}$/);
    }
    expect(new Set(FAULTS.map((f) => f.clause)).size).toBe(FAULTS.length);
    expect(listFaults().map((f) => f.clause)).toEqual(FAULTS.map((f) => f.clause).sort());
  });

  it("rejects an unknown fault id with a usage error", async () => {
    await expect(serve({ faults: ["NOPE-999"] })).rejects.toThrow(/no fault for clause 'NOPE-999'/);
  });
});

describe("a fault changes exactly what it says", () => {
  it("STREAM-003 drops [DONE], nothing else", async () => {
    const good = await serve();
    const bad = await serve({ faults: ["STREAM-003"] });
    const body = chat({ stream: true, seed: 1 });
    const a = streamEvents((await good.post("/chat/completions", body)).text);
    const b = streamEvents((await bad.post("/chat/completions", body)).text);
    expect(a.at(-1)).toBe("[DONE]");
    expect(b.at(-1)).not.toBe("[DONE]");
    expect(b.length).toBe(a.length - 1);
    await Promise.all([good.close(), bad.close()]);
  });

  it("ERR-002 leaves out a null param; HTTP-017 lets a wrong key in; ERR-014 answers an unknown model 400", async () => {
    const s = await serve({ faults: ["ERR-002", "HTTP-017", "ERR-014"], apiKey: "k" });
    const r = await s.post("/chat/completions", "{bad", { Authorization: "Bearer wrong" });
    expect(r.status).toBe(400);
    expect(Object.keys(r.json.error).sort()).toEqual(["code", "message", "type"]);
    const m = await s.post("/chat/completions", chat({ model: "nope" }));
    expect(m.status).toBe(400);
    expect(m.json.error.code).toBe("model_not_found");
    await s.close();
  });

  it("every fault starts a server that still answers GET /models", async () => {
    for (const f of FAULTS) {
      const s = await serve({ faults: [f.clause] });
      const r = await s.get("/models", { "LIS-Version": "1.0" });
      expect(r.status, f.clause).toBeLessThan(500);
      await s.close();
    }
  });
});

describe("the reasoning faults (1.1) change exactly what they say", () => {
  const reasoning = chat({ seed: 2, max_tokens: 40, reasoning_effort: "low" });

  it("REASON-006 lets the answer have the whole limit after the reasoning; REASON-005 leaves the reasoning out of completion_tokens", async () => {
    const good = await serve();
    const bad = await serve({ faults: ["REASON-006"] });
    const beside = await serve({ faults: ["REASON-005"] });
    const body = { ...reasoning, max_tokens: 4, reasoning_effort: "high" };
    const a = (await good.post("/chat/completions", body)).json;
    const b = (await bad.post("/chat/completions", body)).json;
    expect(a.usage.completion_tokens).toBe(4);
    expect(b.usage.completion_tokens).toBeGreaterThan(4);
    expect(b.choices[0].message.content).not.toBe("");
    const c = (await beside.post("/chat/completions", body)).json;
    expect(c.usage.completion_tokens).toBe(0);
    expect(c.usage.total_tokens).toBe(a.usage.total_tokens);
    await Promise.all([good.close(), bad.close(), beside.close()]);
  });

  it("REASON-007 moves the reasoning pieces behind the content; the assembled stream is otherwise the same", async () => {
    const good = await serve();
    const bad = await serve({ faults: ["REASON-007"] });
    const body = { ...reasoning, stream: true };
    const order = (events: ReturnType<typeof streamEvents>) =>
      events.flatMap((e) => (e === "[DONE]" ? [] : e.choices.map((c: Record<string, any>) => (c.delta.reasoning_content ? "r" : c.delta.content ? "c" : "-")))).join("");
    const a = streamEvents((await good.post("/chat/completions", body)).text);
    const b = streamEvents((await bad.post("/chat/completions", body)).text);
    expect(order(a)).toMatch(/^-r+c+-$/);
    expect(order(b)).toMatch(/^-c+r+-$/);
    expect(order(b).length).toBe(order(a).length);
    await Promise.all([good.close(), bad.close()]);
  });

  it("CHAT-043 leaks an empty think block into text answers only; answers with reasoning_effort are untouched", async () => {
    const good = await serve();
    const bad = await serve({ faults: ["CHAT-043"] });
    const plain = chat({ seed: 2 });
    expect((await bad.post("/chat/completions", plain)).json.choices[0].message.content).toBe(`<think>\n\n</think>\n\n${(await good.post("/chat/completions", plain)).json.choices[0].message.content}`);
    expect((await bad.post("/chat/completions", reasoning)).json.choices).toEqual((await good.post("/chat/completions", reasoning)).json.choices);
    await Promise.all([good.close(), bad.close()]);
  });
});
