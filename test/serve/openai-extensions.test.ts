// The OpenAI Node SDK, a real client, against the reference server with the LIS extensions present: the
// discovery document, `lis` members on model objects and the profiles beyond chat must not break it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startServer, type RunningServer } from "../../tools/serve/server.js";

describe("the openai SDK against the reference server with LIS extensions", () => {
  let server: RunningServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startServer({ port: 0, apiKey: "sk-lis-test" });
    client = new OpenAI({ apiKey: "sk-lis-test", baseURL: server.url, maxRetries: 0 });
  });
  afterAll(() => server.close());

  it("lists and retrieves models", async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toContain("lis-tiny");
    const one = await client.models.retrieve("lis-tiny");
    expect(one.id).toBe("lis-tiny");
    expect(one.object).toBe("model");
    // The lis member rides along untouched: the SDK neither rejects nor strips it.
    const lis = (one as unknown as { lis: { kind: string; context_length: number } }).lis;
    expect(lis.kind).toBe("pre-trained");
    expect(lis.context_length).toBeGreaterThan(0);
  });

  it("sends an image part with the SDK's own content-part types", async () => {
    const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    const chat = await client.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: png } }] }] });
    expect(chat.choices[0].message.content).toBe("image 1: 1x1 png");
  });

  it("posts a classification request through the SDK's generic POST", async () => {
    const res = (await client.post("/classifications", { body: { model: "lis-tiny", input: ["What a lovely day"], labels: ["positive", "negative"] } })) as {
      data: { label: string; labels: { label: string; probability: number }[] }[];
    };
    expect(res.data[0].labels.map((l) => l.label)).toEqual(["positive", "negative"]);
  });

  it("creates a chat completion and an embedding", async () => {
    const chat = await client.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: "Say hello." }], max_tokens: 8 });
    expect(typeof chat.choices[0].message.content).toBe("string");
    const emb = await client.embeddings.create({ model: "lis-tiny", input: ["a", "b"] });
    expect(emb.data).toHaveLength(2);
  });

  it("fetches the discovery document through the SDK's generic GET", async () => {
    const doc = (await client.get("/.well-known/lis")) as { object: string; profiles: string[] };
    expect(doc.object).toBe("lis.discovery");
    expect(doc.profiles).toContain("core");
  });
});
