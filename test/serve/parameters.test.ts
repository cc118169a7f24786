import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, expectValid, hello, serve, streamEvents, type Json } from "./support.js";

/** Each parameter's observable effect; every response and chunk is also validated against the 1.0 schemas. */
describe("chat parameters", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  const ok = async (body: Json) => {
    const r = await s.post("/chat/completions", body);
    expect(r.status, r.text).toBe(200);
    expectValid("chat-completion", r.json);
    return r.json;
  };
  beforeAll(async () => (s = await serve()));
  afterAll(() => s.close());

  it("max_tokens and max_completion_tokens cut the output with finish_reason length and exact usage", async () => {
    for (const key of ["max_tokens", "max_completion_tokens"]) {
      const c = await ok({ model: "lis-tiny", messages: hello, [key]: 3, logprobs: true, seed: 1 });
      expect(c.choices[0].finish_reason).toBe("length");
      expect(c.usage.completion_tokens).toBe(3);
      expect(c.choices[0].logprobs.content).toHaveLength(3);
      expect(c.usage.total_tokens).toBe(c.usage.prompt_tokens + 3);
    }
  });

  it("stop cuts the content before the stop string and reports stop", async () => {
    const full = (await ok(chat({ seed: 5, max_tokens: 40, temperature: 0 }))).choices[0].message.content as string;
    const stop = full.slice(8, 12);
    const cut = await ok(chat({ seed: 5, max_tokens: 40, temperature: 0, stop: [stop, "zzzz"] }));
    expect(cut.choices[0].finish_reason).toBe("stop");
    expect(cut.choices[0].message.content).toBe(full.slice(0, full.indexOf(stop)));
  });

  it("n gives n choices indexed 0..n-1, and usage counts all of them", async () => {
    const c = await ok(chat({ n: 3, max_tokens: 4, seed: 9, logprobs: true }));
    expect(c.choices.map((x: Json) => x.index)).toEqual([0, 1, 2]);
    const perChoice = c.choices.map((x: Json) => x.logprobs.content.length);
    expect(perChoice.every((k: number) => k <= 4)).toBe(true);
    expect(c.usage.completion_tokens).toBe(perChoice.reduce((a: number, b: number) => a + b, 0));
  });

  it("the same seed gives the same output, temperature 0 is deterministic", async () => {
    const a = await ok(chat({ seed: 11, max_tokens: 24 }));
    const b = await ok(chat({ seed: 11, max_tokens: 24 }));
    expect(b.choices[0].message.content).toBe(a.choices[0].message.content);
    const g1 = await ok(chat({ temperature: 0, max_tokens: 24 }));
    const g2 = await ok(chat({ temperature: 0, max_tokens: 24 }));
    expect(g2.choices[0].message.content).toBe(g1.choices[0].message.content);
  });

  it("developer is treated as system, and a single text part as the string", async () => {
    const sys = await ok(chat({ seed: 3, messages: [{ role: "system", content: "Be terse." }, ...hello] }));
    const dev = await ok(chat({ seed: 3, messages: [{ role: "developer", content: "Be terse." }, ...hello] }));
    expect(dev.choices[0].message.content).toBe(sys.choices[0].message.content);
    const parts = await ok(chat({ seed: 3, messages: [{ role: "system", content: [{ type: "text", text: "Be terse." }] }, ...hello] }));
    expect(parts.choices[0].message.content).toBe(sys.choices[0].message.content);
  });

  it("logprobs are ≤ 0, top_logprobs sorted with exactly k entries, and consistent with the chosen token", async () => {
    const c = await ok(chat({ logprobs: true, top_logprobs: 5, temperature: 0.8, top_p: 0.5, seed: 2 }));
    const entries = c.choices[0].logprobs.content as Json[];
    expect(entries.map((e) => e.token).join("")).toBe(c.choices[0].message.content);
    for (const e of entries) {
      expect(e.logprob).toBeLessThanOrEqual(0);
      expect(e.top_logprobs).toHaveLength(5);
      const values = e.top_logprobs.map((t: Json) => t.logprob);
      expect([...values].sort((x, y) => y - x)).toEqual(values);
      expect(values.reduce((sum: number, v: number) => sum + Math.exp(v), 0)).toBeLessThanOrEqual(1 + 1e-9);
      const same = e.top_logprobs.find((t: Json) => t.token === e.token);
      if (same) expect(same.logprob).toBe(e.logprob);
      else expect(e.logprob).toBeLessThanOrEqual(values[values.length - 1]);
      expect(Buffer.from(e.bytes).toString("utf8")).toBe(e.token);
    }
  });

  it("logit_bias and penalties change the distribution", async () => {
    const base = await ok(chat({ temperature: 0, max_tokens: 1, logprobs: true }));
    const first = base.choices[0].logprobs.content[0].token;
    const biased = await ok(chat({ temperature: 0, max_tokens: 1, logprobs: true, logit_bias: Object.fromEntries(Array.from({ length: 487 }, (_, i) => [String(i), -100])) }));
    expect(biased.choices[0].logprobs.content[0].logprob).toBeLessThan(0);
    expect(first.length).toBeGreaterThan(0);
    const penalised = await ok(chat({ temperature: 0, max_tokens: 30, frequency_penalty: 2, presence_penalty: 2 }));
    const plain = await ok(chat({ temperature: 0, max_tokens: 30 }));
    expect(penalised.choices[0].message.content).not.toBe(plain.choices[0].message.content);
  });

  it("json_object gives a JSON object; a cut one keeps finish_reason length and the raw text", async () => {
    const c = await ok(chat({ response_format: { type: "json_object" }, max_tokens: 200 }));
    expect(typeof JSON.parse(c.choices[0].message.content)).toBe("object");
    const cut = await ok(chat({ response_format: { type: "json_object" }, max_tokens: 2 }));
    expect(cut.choices[0].finish_reason).toBe("length");
    expect(() => JSON.parse(cut.choices[0].message.content)).toThrow();
  });

  it("tool_choice auto calls the tools the user names, none calls none, parallel_tool_calls false calls one", async () => {
    const tools = ["get_weather", "get_time"].map((name) => ({ type: "function", function: { name, parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }));
    const ask = [{ role: "user", content: "Use get_weather and get time for Paris" }];
    const auto = await ok(chat({ messages: ask, tools, max_tokens: 200 }));
    expect(auto.choices[0].message.tool_calls.map((t: Json) => t.function.name)).toEqual(["get_weather", "get_time"]);
    expect(new Set(auto.choices[0].message.tool_calls.map((t: Json) => t.id)).size).toBe(2);
    const none = await ok(chat({ messages: ask, tools, tool_choice: "none" }));
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    const one = await ok(chat({ messages: ask, tools, parallel_tool_calls: false, max_tokens: 200 }));
    expect(one.choices[0].message.tool_calls).toHaveLength(1);
    const plain = await ok(chat({ tools }));
    expect(plain.choices[0].finish_reason).not.toBe("tool_calls");
    const back = await ok(chat({ messages: [...ask, auto.choices[0].message, { role: "tool", tool_call_id: auto.choices[0].message.tool_calls[0].id, content: "18 C" }], tools }));
    expect(typeof back.choices[0].message.content).toBe("string");
  });

  it("a prompt longer than the context is rejected with context_length_exceeded", async () => {
    const r = await s.post("/chat/completions", chat({ messages: [{ role: "user", content: "lorem ".repeat(20_000) }] }));
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "context_length_exceeded", param: "messages" });
  });

  it("an unknown member is named by its field path, bracketed when it is not a plain name (ERR-007)", async () => {
    const top = await s.post("/chat/completions", chat({ "user-id": "u1" }));
    expect(top.status).toBe(400);
    expect(top.json.error).toMatchObject({ code: "unknown_parameter", param: '["user-id"]' });
    expectValid("error", top.json);
    const nested = await s.post("/chat/completions", chat({ messages: [{ role: "user", content: "hi", "x-tag": 1 }] }));
    expect(nested.json.error).toMatchObject({ code: "unknown_parameter", param: 'messages[0]["x-tag"]' });
  });
});

describe("streams", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (s = await serve()));
  afterAll(() => s.close());

  it("frame every chunk validly: role first, one finish per choice, same id, usage chunk last, [DONE]", async () => {
    const r = await s.post("/chat/completions", chat({ stream: true, n: 2, stream_options: { include_usage: true }, logprobs: true, max_tokens: 6, seed: 4 }));
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = streamEvents(r.text);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1) as Json[];
    for (const c of chunks) expectValid("chat-completion-chunk", c);
    expect(new Set(chunks.map((c) => `${c.id} ${c.created} ${c.model}`)).size).toBe(1);
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    for (const index of [0, 1]) {
      const mine = chunks.filter((c) => c.choices.some((ch: Json) => ch.index === index)).map((c) => c.choices.find((ch: Json) => ch.index === index));
      expect(mine[0].delta.role).toBe("assistant");
      expect(mine.filter((ch) => ch.finish_reason !== null)).toHaveLength(1);
      expect(mine.at(-1).finish_reason).toBe("length");
      const tokens = mine.flatMap((ch) => ch.logprobs?.content ?? []);
      expect(tokens).toHaveLength(6);
    }
    expect(usage.usage.completion_tokens).toBe(12);
  });

  it("stream tool calls with index, id and name once, and fragments that concatenate to valid arguments", async () => {
    const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string", maxLength: 12 } }, required: ["q"] } } }];
    const r = await s.post("/chat/completions", chat({ stream: true, tools, tool_choice: "required" }));
    const chunks = streamEvents(r.text).slice(0, -1) as Json[];
    const elements = chunks.flatMap((c) => c.choices.flatMap((ch: Json) => ch.delta.tool_calls ?? []));
    expect(elements[0]).toMatchObject({ index: 0, type: "function", function: { name: "lookup", arguments: "" } });
    expect(elements.slice(1).every((e: Json) => e.id === undefined && e.function.name === undefined)).toBe(true);
    const args = JSON.parse(elements.map((e: Json) => e.function.arguments).join(""));
    expect(typeof args.q).toBe("string");
    expect(args.q.length).toBeLessThanOrEqual(12);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("tool_calls");
  });
});

describe("embeddings", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (s = await serve()));
  afterAll(() => s.close());

  it("honour dimensions, base64, token-id inputs and exact usage", async () => {
    const r = await s.post("/embeddings", { model: "lis-tiny", input: ["The Fox", "and the Grapes"], dimensions: 16 });
    expectValid("embedding-list", r.json);
    expect(r.json.data.map((d: Json) => d.embedding.length)).toEqual([16, 16]);
    expect(r.json.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    const b = await s.post("/embeddings", { model: "lis-tiny", input: "The Fox", encoding_format: "base64" });
    expectValid("embedding-list", b.json);
    const bytes = Buffer.from(b.json.data[0].embedding, "base64");
    expect(bytes.length).toBe(256);
    const f = await s.post("/embeddings", { model: "lis-tiny", input: "The Fox" });
    expect(Array.from({ length: 64 }, (_, i) => bytes.readFloatLE(i * 4))).toEqual(f.json.data[0].embedding);
    const ids = await s.post("/embeddings", { model: "lis-tiny", input: [[3, 4, 5]] });
    expect(ids.status).toBe(200);
    expect(ids.json.usage.prompt_tokens).toBe(3);
  });
});
