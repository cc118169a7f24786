/**
 * What typed OpenAI clients send that LIS 1.0 refused: `null` for every option the caller left unset,
 * including members LIS does not define (`store`, `service_tier`), and `metadata`. `lis serve --spec 1.1`
 * follows 1.1 (ERR-022, CHAT-046, CHAT-047) and `--spec 1.0` keeps 1.0's ERR-015, which rejects them by
 * name. The client is the official openai SDK, against `lis serve` run as a real subprocess.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { serve, startCli } from "./support.js";

const ask = { model: "lis-tiny", messages: [{ role: "user" as const, content: "Tell me about the Fox and the Grapes." }], max_completion_tokens: 8, seed: 3 };

/** What the SDK raised, as its error fields. */
async function refusal(call: Promise<unknown>): Promise<{ status?: number; code?: string | null; param?: string | null; type?: string }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof OpenAI.APIError) return { status: err.status, code: err.code, param: err.param, type: err.type };
    throw err;
  }
  throw new Error("the request was accepted");
}

describe("lis serve --spec 1.1 and a typed OpenAI client (subprocess, openai SDK)", () => {
  let server: ReturnType<typeof startCli>;
  let client: OpenAI;
  beforeAll(async () => {
    server = startCli(["--port", "0", "--spec", "1.1"]);
    client = new OpenAI({ baseURL: await server.url, apiKey: "sk-no-key-required", maxRetries: 0 });
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it('accepts "store": null and "metadata": {…} as the SDK sends them, and answers as without them', async () => {
    const plain = await client.chat.completions.create(ask);
    const typed = await client.chat.completions.create({ ...ask, store: null, metadata: { session: "a1b2c3", feature: "fables" } });
    expect(typed.choices[0].message.content).toBe(plain.choices[0].message.content);
    expect(typed.usage).toEqual(plain.usage);
  });

  it("accepts null for members that LIS does not define (service_tier, prediction) and store: false", async () => {
    const c = await client.chat.completions.create({ ...ask, store: false, service_tier: null, prediction: null, metadata: null });
    expect(c.choices[0].finish_reason).toMatch(/^(stop|length)$/);
  });

  it("refuses store: true (it keeps no completions) and malformed metadata, naming the member", async () => {
    expect(await refusal(client.chat.completions.create({ ...ask, store: true }))).toEqual({ status: 400, code: "unsupported_value", param: "store", type: "invalid_request_error" });
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
    expect(await refusal(client.chat.completions.create({ ...ask, metadata: tooMany }))).toMatchObject({ status: 400, param: "metadata" });
    expect(await refusal(client.chat.completions.create({ ...ask, metadata: { attempt: 3 as unknown as string } }))).toMatchObject({ status: 400, code: "invalid_type", param: "metadata.attempt" });
  });

  it("still refuses a member it does not implement when its value is not null (ERR-015)", async () => {
    expect(await refusal(client.chat.completions.create({ ...ask, service_tier: "flex" }))).toEqual({ status: 400, code: "unknown_parameter", param: "service_tier", type: "invalid_request_error" });
  });

  it("names its configuration in system_fingerprint, the same in every response and chunk", async () => {
    const a = await client.chat.completions.create(ask);
    const b = await client.chat.completions.create({ ...ask, seed: 4 });
    expect(a.system_fingerprint).toMatch(/^lis-tiny-\d+\.\d+\.\d+/);
    expect(b.system_fingerprint).toBe(a.system_fingerprint);
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    for await (const chunk of stream) expect(chunk.system_fingerprint).toBe(a.system_fingerprint);
  });
});

describe("lis serve --spec 1.0 keeps 1.0's rule (in-process, openai SDK)", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let client: OpenAI;
  beforeAll(async () => {
    s = await serve({ specVersion: "1.0" });
    client = new OpenAI({ baseURL: s.url, apiKey: "sk-no-key-required", maxRetries: 0 });
  });
  afterAll(() => s.close());

  it("rejects store and metadata by name, null or not: 1.0 defines neither and ERR-015 of 1.0 covers null values", async () => {
    expect(await refusal(client.chat.completions.create({ ...ask, store: null }))).toEqual({ status: 400, code: "unknown_parameter", param: "store", type: "invalid_request_error" });
    expect(await refusal(client.chat.completions.create({ ...ask, metadata: { session: "x" } }))).toMatchObject({ status: 400, code: "unknown_parameter", param: "metadata" });
  });
});

describe("null members that LIS does not define, on the other endpoints of lis serve --spec 1.1", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(() => s.close());

  it("are absent for /embeddings and /classifications, and refused by name when not null", async () => {
    expect((await s.post("/embeddings", { model: "lis-tiny", input: "a fox", encoding_format: null, vendor_option: null })).status).toBe(200);
    expect((await s.post("/classifications", { model: "lis-tiny", input: "a fox", labels: ["a", "b"], vendor_option: null })).status).toBe(200);
    const refused = await s.post("/classifications", { model: "lis-tiny", input: "a fox", labels: ["a", "b"], vendor_option: 1 });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: "unknown_parameter", param: "vendor_option" });
  });

  it("are absent inside objects LIS defines too (a message, a tool, the lis member)", async () => {
    const r = await s.post("/chat/completions", {
      ...ask,
      messages: [{ role: "user", content: "Hello", vendor_hint: null }],
      tools: [{ type: "function", function: { name: "ping", parameters: { type: "object", properties: {} }, vendor_flag: null } }],
      tool_choice: "none",
      lis: { experiment: null },
    });
    expect(r.status, r.text).toBe(200);
  });
});
