// LIS 1.1 in the reference server: reasoning_effort, reasoning_content (answers, streams, history), reasoning
// tokens inside the limit and usage, the LIS-Version header per request, and the pure 1.0 mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getValidator } from "../../tools/validate/validators.js";
import { pieces } from "../../tools/serve/model/tokenizer.js";
import { chat, serve, streamEvents, type Json } from "./support.js";

const valid11 = (name: string, doc: unknown) => expect(getValidator(name, "1.1")(doc).errors, name).toEqual([]);

/** Per choice, the reasoning and the content of a stream, and the order in which their pieces came. */
function assemble(events: (Json | "[DONE]")[]) {
  const out = new Map<number, { reasoning: string; content: string; order: string[] }>();
  for (const e of events) {
    if (e === "[DONE]") continue;
    for (const c of e.choices) {
      const a = out.get(c.index) ?? { reasoning: "", content: "", order: [] };
      out.set(c.index, a);
      if (c.delta.reasoning_content) (a.reasoning += c.delta.reasoning_content), a.order.push("r");
      if (c.delta.content) (a.content += c.delta.content), a.order.push("c");
    }
  }
  return out;
}

describe("lis serve 1.1: reasoning", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(() => s.close());

  it("reasons when asked: reasoning_content, exact reasoning_tokens inside completion_tokens, the same answer as without", async () => {
    const plain = (await s.post("/chat/completions", chat({ max_tokens: 200, seed: 5 }))).json;
    expect(plain.choices[0].message).not.toHaveProperty("reasoning_content");
    expect(plain.usage).not.toHaveProperty("completion_tokens_details");
    for (const [effort, budget] of [["low", 8], ["medium", 16], ["high", 32]] as const) {
      const r = await s.post("/chat/completions", chat({ max_tokens: 200, seed: 5, reasoning_effort: effort }));
      expect(r.status).toBe(200);
      valid11("chat-completion", r.json);
      const m = r.json.choices[0].message;
      expect(pieces(m.reasoning_content)).toHaveLength(budget);
      expect(r.json.usage.completion_tokens_details).toEqual({ reasoning_tokens: budget });
      expect(r.json.usage.completion_tokens).toBe(budget + plain.usage.completion_tokens);
      expect(r.json.usage.total_tokens).toBe(r.json.usage.prompt_tokens + r.json.usage.completion_tokens);
      expect(m.content).toBe(plain.choices[0].message.content); // its own seed stream: the answer is unchanged
      expect(m.content).not.toMatch(/<\/?think>/);
    }
  });

  it("is reproducible with a seed, and each of n choices reasons on its own", async () => {
    const body = chat({ max_tokens: 60, seed: 9, n: 3, reasoning_effort: "medium" });
    const a = (await s.post("/chat/completions", body)).json;
    const b = (await s.post("/chat/completions", body)).json;
    expect(a.choices.map((c: Json) => c.message)).toEqual(b.choices.map((c: Json) => c.message));
    expect(new Set(a.choices.map((c: Json) => c.message.reasoning_content)).size).toBe(3);
    expect(a.usage.completion_tokens_details.reasoning_tokens).toBe(48);
  });

  it("counts reasoning inside the limit: reached while reasoning → length and empty content", async () => {
    const r = (await s.post("/chat/completions", chat({ max_tokens: 5, n: 2, seed: 1, reasoning_effort: "high" }))).json;
    for (const c of r.choices) {
      expect(c.finish_reason).toBe("length");
      expect(c.message.content).toBe("");
      expect(pieces(c.message.reasoning_content)).toHaveLength(5);
    }
    expect(r.usage).toMatchObject({ completion_tokens: 10, completion_tokens_details: { reasoning_tokens: 10 } });
    const cut = (await s.post("/chat/completions", chat({ max_tokens: 12, seed: 1, reasoning_effort: "low" }))).json;
    expect(cut.usage.completion_tokens).toBeLessThanOrEqual(12);
    expect(cut.usage.completion_tokens_details.reasoning_tokens).toBe(8);
  });

  it("streams the reasoning before the content, as the non-streamed answer, with the same usage", async () => {
    const body = chat({ max_tokens: 40, seed: 3, n: 2, reasoning_effort: "low" });
    const whole = (await s.post("/chat/completions", body)).json;
    const r = await s.post("/chat/completions", { ...body, stream: true, stream_options: { include_usage: true } });
    const events = streamEvents(r.text);
    for (const e of events) if (e !== "[DONE]") valid11("chat-completion-chunk", e);
    const streamed = assemble(events);
    for (const c of whole.choices) {
      const a = streamed.get(c.index)!;
      expect(a.reasoning).toBe(c.message.reasoning_content);
      expect(a.content).toBe(c.message.content);
      expect(a.order.join("")).toMatch(/^r+c*$/);
    }
    expect((events.at(-2) as Json).usage).toEqual(whole.usage);
  });

  it("gives log-probabilities of the answer's tokens only", async () => {
    const r = (await s.post("/chat/completions", chat({ max_tokens: 30, seed: 2, reasoning_effort: "low", logprobs: true, top_logprobs: 2 }))).json;
    const c = r.choices[0];
    expect(c.logprobs.content.map((e: Json) => e.token).join("")).toBe(c.message.content);
    const events = streamEvents((await s.post("/chat/completions", chat({ max_tokens: 30, seed: 2, reasoning_effort: "low", logprobs: true, stream: true }))).text);
    for (const e of events) if (e !== "[DONE]" && e.choices[0]?.delta.reasoning_content) expect(e.choices[0].logprobs).toBeNull();
  });

  it("still calls tools and writes structured output after reasoning", async () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    const t = (await s.post("/chat/completions", chat({ max_tokens: 200, tools, tool_choice: "required", reasoning_effort: "low" }))).json;
    valid11("chat-completion", t);
    expect(t.choices[0].finish_reason).toBe("tool_calls");
    expect(JSON.parse(t.choices[0].message.tool_calls[0].function.arguments)).toHaveProperty("city");
    expect(t.choices[0].message.reasoning_content.length).toBeGreaterThan(0);
    const events = streamEvents((await s.post("/chat/completions", chat({ max_tokens: 200, tools, tool_choice: "required", reasoning_effort: "low", stream: true }))).text) as Json[];
    const firstCall = events.findIndex((e) => e.choices?.[0]?.delta.tool_calls);
    const lastReasoning = events.findLastIndex((e) => e.choices?.[0]?.delta.reasoning_content);
    expect(lastReasoning).toBeGreaterThan(0);
    expect(lastReasoning).toBeLessThan(firstCall);
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
    const j = (await s.post("/chat/completions", chat({ max_tokens: 200, response_format: { type: "json_schema", json_schema: { name: "c", schema } }, reasoning_effort: "medium" }))).json;
    expect(Object.keys(JSON.parse(j.choices[0].message.content))).toEqual(["city"]);
  });

  it("accepts reasoning_content in the history and leaves it out of the prompt; rejects a non-string one", async () => {
    const history = (assistant: Json) => ({ model: "lis-tiny", messages: [{ role: "user", content: "Say hello." }, { role: "assistant", content: "Hello.", ...assistant }, { role: "user", content: "Again." }], max_tokens: 4 });
    const without = await s.post("/chat/completions", history({}));
    const withText = await s.post("/chat/completions", history({ reasoning_content: "The user greets me, so I greet back." }));
    const withNull = await s.post("/chat/completions", { ...history({ reasoning_content: null }), reasoning_effort: "low" });
    expect([without.status, withText.status, withNull.status]).toEqual([200, 200, 200]);
    expect(withText.json.usage.prompt_tokens).toBe(without.json.usage.prompt_tokens);
    expect(withNull.json.usage.prompt_tokens).toBe(without.json.usage.prompt_tokens);
    const bad = await s.post("/chat/completions", history({ reasoning_content: 7 }));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ param: "messages[1].reasoning_content", code: "invalid_type" });
  });

  it("rejects a reasoning_effort outside low, medium, high with 400 param reasoning_effort", async () => {
    for (const value of ["minimal", "HIGH", 2, true]) {
      const r = await s.post("/chat/completions", chat({ reasoning_effort: value }));
      expect(r.status, String(value)).toBe(400);
      expect(r.json.error).toMatchObject({ param: "reasoning_effort", type: "invalid_request_error" });
    }
    expect((await s.post("/chat/completions", chat({ reasoning_effort: "max" }))).json.error.code).toBe("invalid_value");
    const none = await s.post("/chat/completions", chat({ reasoning_effort: null }));
    expect(none.status).toBe(200);
    expect(none.json.choices[0].message).not.toHaveProperty("reasoning_content");
  });

  it("announces 1.0 and 1.1: discovery, model metadata, and LIS-Version per request", async () => {
    const d = (await s.get("/.well-known/lis")).json;
    expect(d.lis_versions).toEqual(["1.0", "1.1"]);
    expect(d.profiles).toContain("reasoning");
    expect((await s.get("/models/lis-tiny")).json.lis.profiles).toContain("reasoning");
    const version = async (asked?: string) => (await s.get("/models", asked ? { "LIS-Version": asked } : {})).headers.get("lis-version");
    expect([await version(), await version("1.0"), await version("1.0.3"), await version("1.1"), await version("1.7")]).toEqual(["1.1", "1.0", "1.0", "1.1", "1.1"]);
    expect((await s.get("/models", { "LIS-Version": "2.0" })).json.error.message).toMatch(/implements LIS 1\.0 and 1\.1/);
  });
});

describe("lis serve --spec 1.0: a pure 1.0 server", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve({ specVersion: "1.0" });
  });
  afterAll(() => s.close());

  it("rejects reasoning_effort as an unknown member (ERR-015), and answers as 1.0 did", async () => {
    const r = await s.post("/chat/completions", chat({ reasoning_effort: "low" }), { "LIS-Version": "1.1" });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ param: "reasoning_effort", code: "unknown_parameter" });
    expect(r.headers.get("lis-version")).toBe("1.0");
    const ok = (await s.post("/chat/completions", chat({ seed: 1 }))).json;
    expect(ok.choices[0].message).not.toHaveProperty("reasoning_content");
  });

  it("accepts an echoed assistant message with reasoning_content, like any response member (CHAT-037)", async () => {
    const body = { model: "lis-tiny", messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello.", reasoning_content: 7 }, { role: "user", content: "Again." }], max_tokens: 4 };
    expect((await s.post("/chat/completions", body)).status).toBe(200);
  });

  it("declares only 1.0 and no reasoning profile", async () => {
    const d = (await s.get("/.well-known/lis")).json;
    expect(d.lis_versions).toEqual(["1.0"]);
    expect(d.profiles).not.toContain("reasoning");
    expect((await s.get("/models")).json.data[0].lis.profiles).not.toContain("reasoning");
    expect((await s.get("/models")).headers.get("lis-version")).toBe("1.0");
  });

  it("refuses an unknown spec version as a usage error", async () => {
    await expect(serve({ specVersion: "2.0" as never })).rejects.toThrow(/unknown spec version '2.0'/);
  });
});
