import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../tools/adapt/errors.js";
import type { Chunk, Obj } from "../../tools/adapt/rule.js";
import { getValidator } from "../../tools/validate/validators.js";
import { splitDocuments } from "../../tools/validate/documents.js";
import { fixturePath, hasSharedFixtures } from "../support/shared-fixtures.js";
import { chatBody, chunk, engineFor, exchange, streamThrough } from "./support.js";

const openai = engineFor("openai");
const llama = engineFor("llama.cpp");
const chunkValid = getValidator("chat-completion-chunk", "1.1");
const completionValid = getValidator("chat-completion", "1.1");

/** The choices of the chunks that carry a choice with this index. */
const carrying = (chunks: Chunk[], index: number) => chunks.filter((c) => (c.choices ?? []).some((ch) => ch.index === index));

describe.skipIf(!hasSharedFixtures)("repairs of llama.cpp's captured answers (../shared/fixtures)", () => {
  const capture = (name: string) => splitDocuments(readFileSync(fixturePath("real-world", "llama.cpp", name), "utf8"), name);

  it("a stream with include_usage: role in the first delta, one finish, usage alone before [DONE] (STREAM-009, STREAM-011, STREAM-014)", () => {
    const chunks = capture("chat-stream-include-usage.http").documents.map((d) => d.value as Chunk);
    const out = streamThrough(llama, exchange(chatBody({ stream: true, stream_options: { include_usage: true } })), chunks);
    for (const c of out) expect(chunkValid(c).errors).toEqual([]);
    expect(carrying(out, 0)[0].choices![0].delta).toMatchObject({ role: "assistant" });
    expect(out.flatMap((c) => c.choices!.filter((ch) => ch.finish_reason != null))).toHaveLength(1);
    const last = out[out.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ completion_tokens: 3, prompt_tokens: 29, total_tokens: 32 });
    expect(out.slice(0, -1).every((c) => c.usage === undefined)).toBe(true);
    expect(new Set(out.map((c) => c.id)).size).toBe(1);
    // The content arrives unchanged.
    const text = (cs: Chunk[]) => cs.flatMap((c) => c.choices!.map((ch) => (ch.delta as Obj)?.content ?? "")).join("");
    expect(text(out)).toBe(text(chunks));
  });

  it("a stream without include_usage carries no usage at all (STREAM-015)", () => {
    const chunks = capture("chat-stream.http").documents.map((d) => d.value as Chunk);
    const out = streamThrough(llama, exchange(chatBody({ stream: true })), chunks);
    expect(out.every((c) => c.usage === undefined)).toBe(true);
    expect(out.flatMap((c) => c.choices!.filter((ch) => ch.finish_reason != null))).toHaveLength(1);
  });

  it("llama.cpp's error bodies become LIS envelopes (ERR-002, ERR-008)", () => {
    for (const name of ["error-404.http", "error-401-wrong-key.http"]) {
      const split = capture(name);
      const e = llama.error({ status: split.http!.status, body: split.documents[0].value });
      expect(getValidator("error", "1.1")({ error: e.envelope }).errors, name).toEqual([]);
      expect(e.envelope).toMatchObject({ param: null });
      expect(typeof e.envelope!.code === "string" || e.envelope!.code === null).toBe(true);
    }
  });

  it("a captured completion validates after repair", () => {
    const c = structuredClone(capture("chat-nonstream.http").documents[0].value) as Obj;
    llama.completion(c, exchange(chatBody()));
    expect(completionValid(c).errors).toEqual([]);
  });
});

describe("completion repairs", () => {
  it("finish_reason values: eos_token is stop, a failure is an error (CHAT-018)", () => {
    const c: Obj = { choices: [{ index: 0, message: { role: "assistant", content: "x" }, finish_reason: "eos_token" }] };
    openai.completion(c, exchange(chatBody()));
    expect((c.choices as Obj[])[0].finish_reason).toBe("stop");
    const failed: Obj = { choices: [{ index: 0, message: { role: "assistant", content: "x" }, finish_reason: "abort" }] };
    expect(() => openai.completion(failed, exchange(chatBody()))).toThrow(ApiError);
  });

  it("tool calls: arguments as strings, ids unique, one call without parallel_tool_calls, finish tool_calls (TOOL-008..012)", () => {
    const tools = [{ type: "function", function: { name: "f", parameters: { type: "object" } } }];
    const calls = [
      { id: "call_0", type: "function", function: { name: "f", arguments: { a: 1 } } },
      { id: "call_0", type: "function", function: { name: "f", arguments: "{}" } },
    ];
    const c: Obj = { choices: [{ index: 0, message: { role: "model", content: null, tool_calls: structuredClone(calls) }, finish_reason: "stop" }] };
    openai.completion(c, exchange(chatBody({ tools })));
    const m = (c.choices as Obj[])[0].message as Obj;
    expect(m.role).toBe("assistant");
    const out = m.tool_calls as Obj[];
    expect(out.map((t) => (t.function as Obj).arguments)).toEqual(['{"a":1}', "{}"]);
    expect(new Set(out.map((t) => t.id)).size).toBe(2);
    expect((c.choices as Obj[])[0].finish_reason).toBe("tool_calls");
    const single: Obj = { choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: structuredClone(calls) }, finish_reason: "tool_calls" }] };
    openai.completion(single, exchange(chatBody({ tools, parallel_tool_calls: false })));
    expect(((single.choices as Obj[])[0].message as Obj).tool_calls).toHaveLength(1);
  });

  it("stop strings, reasoning markup, a fence around JSON and a wrong usage total are repaired", () => {
    const c: Obj = {
      created: 1_767_225_600_000,
      model: "/models/m.gguf",
      choices: [{ index: 0, message: { role: "assistant", content: "<think>hm</think>\n\nOne. Two. END three" }, finish_reason: "length" }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 9 },
      error: null,
    };
    openai.completion(c, exchange(chatBody({ stop: ["END"] })));
    expect(c).toMatchObject({ object: "chat.completion", created: 1_767_225_600, model: "m", usage: { total_tokens: 7 } });
    expect(c.error).toBeUndefined();
    expect((c.choices as Obj[])[0]).toMatchObject({ message: { content: "One. Two. ", reasoning_content: "hm" }, finish_reason: "stop", logprobs: null });
    const json: Obj = { choices: [{ index: 0, message: { role: "assistant", content: '```json\n{"a":1}\n```' }, finish_reason: "stop" }] };
    openai.completion(json, exchange(chatBody({ response_format: { type: "json_object" } })));
    expect(((json.choices as Obj[])[0].message as Obj).content).toBe('{"a":1}');
  });
});

describe("stream repairs", () => {
  const tools = [{ type: "function", function: { name: "f" } }, { type: "function", function: { name: "g" } }];

  it("Ollama-style tool-call deltas (no index, or index 0 for every call) are renumbered; repeats of id and name go (TOOL-019)", () => {
    for (const elements of [
      [{ id: "a", type: "function", function: { name: "f", arguments: '{"x":1}' } }, { id: "b", type: "function", function: { name: "g", arguments: "{}" } }],
      [{ index: 0, id: "a", type: "function", function: { name: "f", arguments: '{"x":1}' } }, { index: 0, id: "b", type: "function", function: { name: "g", arguments: "{}" } }],
    ]) {
      const out = streamThrough(openai, exchange(chatBody({ stream: true, tools })), [
        chunk([{ index: 0, delta: { role: "assistant", tool_calls: [elements[0]] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { tool_calls: [elements[1]] }, finish_reason: null }]),
        chunk([{ index: 0, delta: {}, finish_reason: "stop" }]),
      ]);
      const els = out.flatMap((c) => c.choices!.flatMap((ch) => ((ch.delta as Obj).tool_calls as Obj[]) ?? []));
      expect(els.map((e) => e.index)).toEqual([0, 1]);
      expect(out[out.length - 1].choices![0].finish_reason).toBe("tool_calls");
    }
    const repeated = streamThrough(openai, exchange(chatBody({ stream: true, tools })), [
      chunk([{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, id: "a", type: "function", function: { name: "f", arguments: '{"x"' } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: "a", type: "function", function: { name: "f", arguments: ":1}" } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: {}, finish_reason: "tool_calls" }]),
    ]);
    const second = (repeated[1].choices![0].delta as Obj).tool_calls as Obj[];
    expect(second[0]).toEqual({ index: 0, function: { arguments: ":1}" } });
  });

  it("a finish sent twice is sent once, on the choice's last chunk; a chunk with an index twice is split (STREAM-011, STREAM-008)", () => {
    const out = streamThrough(openai, exchange(chatBody({ stream: true, n: 2 })), [
      chunk([{ index: 0, delta: { role: "assistant", content: "a" }, finish_reason: null }, { index: 0, delta: { content: "b" }, finish_reason: null }, { index: 1, delta: { role: "assistant", content: "c" }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: "d" }, finish_reason: "stop" }]),
      chunk([{ index: 0, delta: {}, finish_reason: "stop" }, { index: 1, delta: {}, finish_reason: "length" }]),
    ]);
    for (const c of out) expect(new Set(c.choices!.map((ch) => ch.index)).size).toBe(c.choices!.length);
    for (const i of [0, 1]) {
      const chunks = carrying(out, i);
      const finishes = chunks.flatMap((c) => c.choices!.filter((ch) => ch.index === i && ch.finish_reason != null));
      expect(finishes).toHaveLength(1);
      expect(chunks[chunks.length - 1].choices!.find((ch) => ch.index === i)!.finish_reason).not.toBeNull();
    }
  });

  it("a stop string split across chunks never reaches the client (STREAM-020)", () => {
    const out = streamThrough(openai, exchange(chatBody({ stream: true, stop: ["</a>"] })), [
      chunk([{ index: 0, delta: { role: "assistant", content: "42 </" }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: "a> more" }, finish_reason: null }]),
      chunk([{ index: 0, delta: {}, finish_reason: "length" }]),
    ]);
    expect(out.map((c) => (c.choices![0]?.delta as Obj | undefined)?.content ?? "").join("")).toBe("42 ");
    expect(out.flatMap((c) => c.choices!.filter((ch) => ch.finish_reason != null).map((ch) => ch.finish_reason))).toEqual(["stop"]);
  });

  it("streamed <think> becomes reasoning_content before the answer (REASON-003, REASON-007)", () => {
    const out = streamThrough(openai, exchange(chatBody({ stream: true })), [
      chunk([{ index: 0, delta: { role: "assistant", content: "<thi" }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: "nk>step</th" }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: "ink>\n\nYes." }, finish_reason: "stop" }]),
    ]);
    const deltas = out.flatMap((c) => c.choices!.map((ch) => ch.delta as Obj));
    expect(deltas.map((d) => d.reasoning_content ?? "").join("")).toBe("step");
    expect(deltas.map((d) => d.content ?? "").join("")).toBe("Yes.");
  });
});

describe("error envelopes (ERR-001..ERR-008, ERR-011)", () => {
  const envelope = (status: number, body: unknown, text?: string) => openai.error({ status, body, text });

  it.each([
    ["vLLM before 0.10.1", 400, { object: "error", message: "too long", type: "BadRequestError", param: null, code: 400 }, undefined, { status: 400, envelope: { message: "too long", type: "invalid_request_error", param: null, code: null } }],
    ["vLLM since 0.10.1", 404, { error: { message: "no model", type: "NotFoundError", param: null, code: 404 } }, undefined, { status: 404, envelope: { message: "no model", type: "not_found_error", param: null, code: null } }],
    ["TGI", 422, { error: "Input validation error: top_p must be > 0", error_type: "validation" }, undefined, { status: 400, envelope: { message: "Input validation error: top_p must be > 0", type: "invalid_request_error", param: null, code: null } }],
    ["Starlette", 422, { detail: [{ loc: ["body", "messages"], msg: "field required" }] }, undefined, { status: 400, envelope: { message: "field required", type: "invalid_request_error", param: null, code: null } }],
    ["a proxy's HTML page", 502, undefined, "<html>Bad Gateway</html>", { status: 502, envelope: { message: "<html>Bad Gateway</html>", type: "server_error", param: null, code: null } }],
    ["a JSON Pointer param", 400, { error: { message: "bad", type: "invalid_request_error", param: "/messages/0/role", code: "invalid_value" } }, undefined, { status: 400, envelope: { param: "messages[0].role", code: "invalid_value" } }],
  ])("%s", (_name, status, body, text, expected) => {
    expect(envelope(status, body, text)).toMatchObject(expected);
  });
});

describe("models and embeddings", () => {
  it("the model list gets its LIS shape, and a model keeps the created it was first listed with (MODEL-002, MODEL-003, MODEL-008)", () => {
    const list = (created: number): Obj => ({ data: [{ id: "a", created, lis: "x" }, { id: "a", created }, { name: "b", owned_by: "o", created: "2026-01-01T00:00:00Z" }] });
    const engine = engineFor("openai");
    const first = list(1_767_225_600_123);
    engine.models(first);
    expect(first).toEqual({ object: "list", data: [{ id: "a", object: "model", created: 1_767_225_600, owned_by: "upstream" }, { name: "b", id: "b", object: "model", created: 1_767_225_600, owned_by: "o" }] });
    const second = list(1_767_225_700_000);
    engine.models(second);
    expect((second.data as Obj[])[0].created).toBe(1_767_225_600);
  });

  it("base64 embeddings are encoded by the proxy from the upstream's floats (EMB-011)", () => {
    const r: Obj = { data: [{ index: 1, embedding: [0.5, -1] }, { index: 0, embedding: [0.25, 2] }], model: "other", usage: { prompt_tokens: 4 } };
    openai.embeddings(r, { model: "m", encodingFormat: "base64", listed: new Set(["m"]) });
    const decode = (s: unknown) => {
      const b = Buffer.from(s as string, "base64");
      return [...new Float32Array(b.buffer, b.byteOffset, b.length / 4)];
    };
    expect((r.data as Obj[]).map((d) => decode(d.embedding))).toEqual([[0.25, 2], [0.5, -1]]);
    expect(r).toMatchObject({ object: "list", model: "m", usage: { prompt_tokens: 4, total_tokens: 4 } });
  });
});

describe("request rewrites", () => {
  it("llama.cpp: nulls left out (a message's content kept), the history trimmed, names and defaults its templates need", async () => {
    const body: Obj = {
      model: "m",
      temperature: null,
      max_completion_tokens: 5,
      messages: [
        { role: "developer", content: [{ type: "text", text: "Be " }, { type: "text", text: "terse." }] },
        { role: "user", content: "Hi", name: null },
        { role: "assistant", content: null, refusal: null, reasoning_content: "r", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c", content: "ok" },
      ],
      tools: [{ type: "function", function: { name: "f" } }],
      response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object" } } },
    };
    const x = exchange(structuredClone(body));
    await llama.chatRequest(body, x);
    expect(body).toEqual({
      model: "m",
      max_tokens: 5,
      messages: [
        { role: "system", content: "Be terse." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c", content: "ok" },
      ],
      tools: [{ type: "function", function: { name: "f", description: "", parameters: { type: "object", properties: {} } } }],
      response_format: { type: "json_object", schema: { type: "object" } },
    });
  });

  it("llama.cpp: n is fanned out, a stream with tools is asked whole, dimensions are refused (CHAT-015, TOOL-019, EMB-017)", async () => {
    const body = chatBody({ n: 3, stream: true, tools: [{ type: "function", function: { name: "f" } }] });
    const x = exchange(structuredClone(body));
    await llama.chatRequest(body, x);
    expect(x.fanOut).toBe(3);
    expect(body.n).toBeUndefined();
    expect(body.stream).toBe(false);
    expect(() => llama.embeddingsRequest({ model: "m", input: "x", dimensions: 4 }, { model: "m", encodingFormat: "float", listed: new Set() })).toThrow(expect.objectContaining({ status: 400, param: "dimensions", code: "unsupported_parameter" }));
  });

  it("llama.cpp: a prompt over the context is refused, counted with the upstream's own template and tokenizer (CHAT-038)", async () => {
    const asked: string[] = [];
    const probe = {
      json: async (method: string, path: string) => {
        asked.push(`${method} ${path}`);
        if (path === "/props") return { default_generation_settings: { n_ctx: 1024 } };
        if (path === "/apply-template") return { prompt: "rendered" };
        return { tokens: new Array(2000).fill(1) };
      },
    };
    const short = chatBody();
    await llama.chatRequest(short, exchange(structuredClone(short), probe));
    expect(asked).toEqual(["GET /props"]); // short enough not to need counting
    const long = chatBody({ messages: [{ role: "user", content: "x ".repeat(2000) }] });
    await expect(llama.chatRequest(long, exchange(structuredClone(long), probe))).rejects.toMatchObject({ status: 400, code: "context_length_exceeded", param: "messages" });
    expect(asked).toEqual(["GET /props", "POST /apply-template", "POST /tokenize"]);
  });
});
