import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdapter, type RunningAdapter } from "../../tools/adapt/server.js";
import { getValidator } from "../../tools/validate/validators.js";
import { hasLlama, startLlama, type RunningLlama } from "../support/llama-server.js";

/** The official openai SDK as a real client of llama.cpp's llama-server, through lis adapt. */
describe.skipIf(!hasLlama)("the openai SDK through lis adapt to llama-server", () => {
  let llama: RunningLlama;
  let proxy: RunningAdapter;
  let client: OpenAI;
  const key = "sk-adapt-sdk-0123456789";
  const weather = { type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

  beforeAll(async () => {
    llama = await startLlama();
    proxy = await startAdapter({ upstream: llama.url, port: 0, apiKey: key });
    client = new OpenAI({ baseURL: proxy.url, apiKey: key, maxRetries: 0 });
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await llama?.close();
  });

  it("declares no embeddings without an embeddings server (llama.cpp embeds in a process of its own)", () => {
    expect(proxy.adapter.profiles).toEqual(["core", "streaming", "tools", "structured-output", "discovery"]);
  });

  it("lists and retrieves the model", async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["tiny-llama"]);
    expect(await client.models.retrieve("tiny-llama")).toMatchObject({ id: "tiny-llama", object: "model", created: list.data[0].created });
  });

  it("streams with the SDK's helper, which needs the role in the first delta (STREAM-009) and the usage chunk (STREAM-014)", async () => {
    const stream = client.chat.completions.stream({ model: "tiny-llama", messages: [{ role: "user", content: "Tell me a story." }], max_completion_tokens: 12, stream_options: { include_usage: true } });
    let text = "";
    stream.on("content", (delta) => (text += delta));
    const final = await stream.finalChatCompletion();
    expect(final.choices[0].message.role).toBe("assistant");
    expect(final.choices[0].message.content).toBe(text);
    expect(final.choices[0].finish_reason).toMatch(/^(stop|length)$/);
    expect(final.usage!.completion_tokens).toBeLessThanOrEqual(12);
    expect(final.usage!.total_tokens).toBe(final.usage!.prompt_tokens + final.usage!.completion_tokens);
  });

  it("sends tools, and a conversation with a tool call and its result (llama.cpp alone answers both with 500)", async () => {
    const first = await client.chat.completions.create({ model: "tiny-llama", messages: [{ role: "user", content: "Weather in Paris?" }], tools: [weather], max_tokens: 8 });
    expect(getValidator("chat-completion", "1.1")(first).errors).toEqual([]);
    const next = await client.chat.completions.create({
      model: "tiny-llama",
      max_tokens: 8,
      tools: [weather],
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "18 °C, sunny" },
      ],
    });
    expect(typeof next.choices[0].message.content).toBe("string");
    // Streamed with tools (llama.cpp refuses: "Cannot use tools with stream"): the proxy streams the whole answer.
    const streamed = await client.chat.completions.stream({ model: "tiny-llama", messages: [{ role: "user", content: "Weather in Paris?" }], tools: [weather], max_tokens: 8 }).finalChatCompletion();
    expect(streamed.choices[0].message.role).toBe("assistant");
  });

  it("gets LIS errors as the SDK's typed errors, with param and code", async () => {
    const bad = await client.chat.completions.create({ model: "tiny-llama", messages: [{ role: "user", content: "x" }], temperature: 5 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad).toMatchObject({ status: 400, param: "temperature", code: "invalid_value", type: "invalid_request_error" });
    const missing = await client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing).toMatchObject({ param: "model", code: "model_not_found" });
    const nKey = await new OpenAI({ baseURL: proxy.url, apiKey: "sk-wrong", maxRetries: 0 }).models.list().catch((e: unknown) => e);
    expect(nKey).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("gets n choices (llama.cpp refuses n > 1; the proxy fans out)", async () => {
    const fanned = await client.chat.completions.create({ model: "tiny-llama", messages: [{ role: "user", content: "x" }], max_tokens: 4, n: 2, seed: 3 });
    expect(fanned.choices.map((c) => c.index)).toEqual([0, 1]);
  });
});
