import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { serve, expectValid } from "./support.js";

/** The official OpenAI SDK as a real client: what a user of lis serve would run. */
describe("the openai SDK against lis serve", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let client: OpenAI;
  beforeAll(async () => {
    s = await serve({ apiKey: "sk-test-key" });
    client = new OpenAI({ baseURL: s.url, apiKey: "sk-test-key", maxRetries: 0 });
  });
  afterAll(() => s.close());

  it("lists and retrieves models", async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["lis-tiny"]);
    const one = await client.models.retrieve("lis-tiny");
    expect(one).toMatchObject({ id: "lis-tiny", object: "model", owned_by: "lis" });
  });

  it("completes a chat", async () => {
    const c = await client.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: "Hello" }], max_completion_tokens: 8, seed: 1 });
    expectValid("chat-completion", c);
    expect(c.choices[0].message.role).toBe("assistant");
    expect(typeof c.choices[0].message.content).toBe("string");
    expect(c.usage!.completion_tokens).toBeLessThanOrEqual(8);
  });

  it("streams a chat whose accumulated deltas equal the non-streamed answer with the same seed", async () => {
    const body = { model: "lis-tiny", messages: [{ role: "user" as const, content: "The Hare" }], max_tokens: 20, seed: 42 };
    const plain = await client.chat.completions.create(body);
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let content = "";
    let finish: string | null = null;
    let usage: unknown;
    for await (const chunk of stream) {
      expectValid("chat-completion-chunk", chunk);
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? "";
        finish = choice.finish_reason ?? finish;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe(plain.choices[0].message.content);
    expect(finish).toBe(plain.choices[0].finish_reason);
    expect(usage).toEqual(plain.usage);
  });

  it("calls a forced tool with arguments valid against its schema, also streamed", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" }, unit: { enum: ["c", "f"] } }, required: ["city", "unit"], additionalProperties: false },
        },
      },
    ];
    const c = await client.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: "Weather in Paris?" }], tools, tool_choice: "required" });
    expectValid("chat-completion", c);
    const call = c.choices[0].message.tool_calls![0];
    expect(c.choices[0].finish_reason).toBe("tool_calls");
    expect(call.type === "function" && call.function.name).toBe("get_weather");
    const args = JSON.parse(call.type === "function" ? call.function.arguments : "");
    expect(Object.keys(args).sort()).toEqual(["city", "unit"]);

    const runner = client.chat.completions.stream({ model: "lis-tiny", messages: [{ role: "user", content: "Weather?" }], tools, tool_choice: { type: "function", function: { name: "get_weather" } } });
    const final = await runner.finalChatCompletion();
    const streamed = final.choices[0].message.tool_calls![0];
    expect(streamed.type === "function" && JSON.parse(streamed.function.arguments)).toMatchObject({ unit: "c" });
  });

  it("returns structured output valid against the schema", async () => {
    const schema = { type: "object", properties: { city: { type: "string" }, country: { type: "string" } }, required: ["city", "country"], additionalProperties: false };
    const c = await client.chat.completions.create({
      model: "lis-tiny",
      messages: [{ role: "user", content: "Name a city." }],
      response_format: { type: "json_schema", json_schema: { name: "city", strict: true, schema } },
    });
    const value = JSON.parse(c.choices[0].message.content!);
    expect(Object.keys(value).sort()).toEqual(["city", "country"]);
  });

  it("embeds as floats and as base64 (the SDK's default), with the same vectors", async () => {
    const floats = await client.embeddings.create({ model: "lis-tiny", input: ["a fox", "a grape"], encoding_format: "float" });
    expectValid("embedding-list", floats);
    const decoded = await client.embeddings.create({ model: "lis-tiny", input: ["a fox", "a grape"] });
    expect(decoded.data.map((d) => d.embedding)).toEqual(floats.data.map((d) => d.embedding));
    expect(floats.data[0].embedding).toHaveLength(64);
  });

  it("maps each error status to the SDK's error class", async () => {
    const bad = new OpenAI({ baseURL: s.url, apiKey: "wrong", maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client.chat.completions.create({ model: "nope", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.models.retrieve("nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const err = await client.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: "x" }], temperature: 5 }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe("temperature");
    expect(err.code).toBe("invalid_value");
    await expect(client.chat.completions.create({ model: "lis-tiny", messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: "x" }], bogus: 1 } as never)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
