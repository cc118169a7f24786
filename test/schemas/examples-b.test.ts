// Schemas of the chat, streaming, tools and structured-output areas (their examples are checked in
// test/schemas/versions.test.ts): the real payloads they must classify (llama.cpp chat captures, OpenAI's embedded chat
// examples). Where a capture breaks the spec, the test names the clause and asserts the exact violation;
// schema and clause stay separate (a schema judges one document, a clause may judge a whole stream).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import OpenAI from "openai";
import { getValidator, schemaWarnings } from "../../tools/validate/validators.js";
import { parseSse } from "../../tools/util/sse.js";
import { SPEC_VERSIONS, schemaDir, specDir } from "../../tools/util/paths.js";
import { fixturePath, hasSharedFixtures } from "../support/shared-fixtures.js";

const NAMES = [
  "chat-completion-request",
  "chat-completion",
  "chat-completion-chunk",
  "chat-message",
  "content-part",
  "tool",
  "tool-call",
  "tool-call-delta",
  "usage",
  "logprobs",
  "response-format",
] as const;
const dir = schemaDir("1.0");

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const validate = (name: string, doc: unknown, version = "1.0") => getValidator(name, version)(doc);
/** The errors of `doc` against the schema `name` of every spec version, keyed by version (all empty when valid everywhere). */
const errorsInEveryVersion = (name: string, doc: unknown) =>
  Object.fromEntries(SPEC_VERSIONS.map((v) => [v, validate(name, doc, v).errors]));
const validEverywhere = Object.fromEntries(SPEC_VERSIONS.map((v) => [v, []]));

/** Every clause heading of the 1.0 spec, with its level. */
const clauses = new Map(
  readdirSync(specDir("1.0"))
    .filter((f) => f.endsWith(".md"))
    .flatMap((f) => [...readFileSync(join(specDir("1.0"), f), "utf8").matchAll(/^### ([A-Z]+-\d{3}) \((MUST|SHOULD|MAY), [a-z][a-z-]*\)$/gm)])
    .map((m) => [m[1]!, m[2]!] as const),
);

describe("schemas of the chat areas", () => {
  // Ajv's "unknown keyword" warnings do not name the schema, so the whole version must be clean.
  it("compile, with every other 1.0 schema, without strict-mode warnings", () => {
    expect(schemaWarnings("1.0")).toEqual([]);
  });

  it("name only clauses that the spec defines", () => {
    const missing: string[] = [];
    for (const name of [...NAMES, "tool-call-delta"]) {
      const text = readFileSync(join(dir, `${name}.schema.json`), "utf8");
      for (const [id] of text.matchAll(/\b(?:CHAT|STREAM|TOOL|STRUCT|ERR)-\d{3}\b/g)) if (!clauses.has(id)) missing.push(`${name}: ${id}`);
    }
    expect(missing).toEqual([]);
  });
});

/** A captured `curl -i` response: status, lower-cased headers, body. */
function readCapture(file: string): { status: number; headers: Record<string, string>; body: string } {
  const text = readFileSync(fixturePath("real-world", "llama.cpp", file), "utf8");
  const split = text.indexOf("\r\n\r\n");
  const head = text.slice(0, split).split("\r\n");
  const headers = Object.fromEntries(
    head.slice(1).map((line) => [line.slice(0, line.indexOf(":")).trim().toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
  );
  return { status: Number(head[0]!.split(" ")[1]), headers, body: text.slice(split + 4) };
}

interface Chunk {
  id: string;
  created: number;
  model: string;
  choices: { index: number; delta: { role?: string; content?: string | null }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

/** The chunks of a captured stream and whether `[DONE]` came last, with nothing after it. */
function readStream(file: string): { chunks: Chunk[]; endsWithDone: boolean; contentType: string } {
  const res = readCapture(file);
  const { events, unterminated } = parseSse(res.body);
  const doneAt = events.findIndex((e) => e.data === "[DONE]");
  return {
    chunks: events.slice(0, doneAt === -1 ? undefined : doneAt).map((e) => JSON.parse(e.data) as Chunk),
    endsWithDone: doneAt === events.length - 1 && unterminated === "",
    contentType: res.headers["content-type"] ?? "",
  };
}

describe.skipIf(!hasSharedFixtures)("real llama.cpp chat captures", () => {
  it.each(["chat-nonstream.http", "chat-stop.http", "chat-logprobs.http", "chat-json-mode.http"])(
    "%s is a 200 JSON chat completion that validates, with usage arithmetic (CHAT-034) right",
    (file) => {
      const res = readCapture(file);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json(;\s*charset=utf-8)?$/i);
      const doc = JSON.parse(res.body);
      expect(errorsInEveryVersion("chat-completion", doc)).toEqual(validEverywhere);
      expect(doc.usage.total_tokens).toBe(doc.usage.prompt_tokens + doc.usage.completion_tokens);
      expect(doc.choices.map((c: { index: number }) => c.index)).toEqual([0]);
    },
  );

  it("chat-logprobs.http meets the log-probability invariants (CHAT-023 to CHAT-025, CHAT-027)", () => {
    const doc = JSON.parse(readCapture("chat-logprobs.http").body);
    const choice = doc.choices[0];
    const entries = choice.logprobs.content as { token: string; logprob: number; bytes: number[]; top_logprobs: { token: string; logprob: number }[] }[];
    expect(entries.length).toBe(doc.usage.completion_tokens);
    expect(entries.map((e) => e.token).join("")).toBe(choice.message.content); // CHAT-027
    for (const e of entries) {
      expect(Buffer.from(e.bytes).toString("utf8")).toBe(e.token);
      const tops = e.top_logprobs.map((t) => t.logprob);
      expect(tops).toEqual([...tops].sort((a, b) => b - a)); // CHAT-024
      expect(tops.reduce((s, l) => s + Math.exp(l), 0)).toBeLessThanOrEqual(1 + 1e-3); // CHAT-025
      const same = e.top_logprobs.find((t) => t.token === e.token);
      if (same) expect(Math.abs(same.logprob - e.logprob)).toBeLessThanOrEqual(1e-3);
      else expect(e.logprob).toBeLessThanOrEqual(Math.min(...tops) + 1e-3);
    }
  });

  it("chat-json-mode.http was cut by the token limit: finish_reason length with unparsable text is conformant (STRUCT-009)", () => {
    const choice = JSON.parse(readCapture("chat-json-mode.http").body).choices[0];
    expect(choice.finish_reason).toBe("length");
    expect(() => JSON.parse(choice.message.content)).toThrow();
  });

  it.each(["chat-stream.http", "chat-stream-include-usage.http"])(
    "%s: every chunk validates, [DONE] ends it, one id/created/model (STREAM-001, -003, -007), one finishing chunk last (STREAM-011)",
    (file) => {
      const { chunks, endsWithDone, contentType } = readStream(file);
      expect(contentType).toMatch(/^text\/event-stream/);
      expect(endsWithDone).toBe(true);
      expect(chunks.length).toBeGreaterThan(1);
      for (const c of chunks) expect(errorsInEveryVersion("chat-completion-chunk", c)).toEqual(validEverywhere);
      expect(new Set(chunks.map((c) => `${c.id} ${c.created} ${c.model}`)).size).toBe(1);
      const finishing = chunks.filter((c) => c.choices.some((ch) => ch.finish_reason !== null));
      expect(finishing).toHaveLength(1);
      expect(chunks.filter((c) => c.choices.length > 0).at(-1)).toBe(finishing[0]);
    },
  );

  // Deliberate positions of the spec that llama.cpp (February 2025) does not meet. Schema-valid, clause-invalid.
  it("chat-stream.http breaks STREAM-009: the first delta has no role", () => {
    const first = readStream("chat-stream.http").chunks[0]!;
    expect(first.choices[0]!.delta.role).toBeUndefined();
    expect(clauses.get("STREAM-009")).toBe("MUST");
  });

  it("chat-stream.http breaks STREAM-015 (SHOULD): usage on the finishing chunk although include_usage was not requested", () => {
    const { chunks } = readStream("chat-stream.http");
    const withUsage = chunks.filter((c) => c.usage != null);
    expect(withUsage).toHaveLength(1);
    expect(withUsage[0]!.choices[0]!.finish_reason).toBe("length");
    expect(clauses.get("STREAM-015")).toBe("SHOULD");
  });

  it("chat-stream-include-usage.http breaks STREAM-014: usage rides on the finishing chunk, no separate chunk with empty choices", () => {
    const { chunks } = readStream("chat-stream-include-usage.http");
    expect(chunks.some((c) => c.choices.length === 0)).toBe(false);
    const withUsage = chunks.filter((c) => c.usage != null);
    expect(withUsage).toHaveLength(1);
    expect(withUsage[0]!.choices).toHaveLength(1);
    const u = withUsage[0]!.usage!;
    expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens); // the counts themselves are right
    expect(clauses.get("STREAM-014")).toBe("MUST");
  });
});

/** OpenAI's embedded examples are illustrative: "...." placeholder lines and, in places, trailing commas. */
const withoutPlaceholders = (text: string) =>
  text
    .split("\n")
    .filter((line) => !/^\s*\.{3,}/.test(line))
    .join("\n")
    .replace(/,(\s*[\]}])/g, "$1");

describe.skipIf(!hasSharedFixtures)("OpenAI's published chat examples", () => {
  // The body of a skipped describe still runs while tests are collected: read the fixture only when present.
  const api = (hasSharedFixtures ? parseYaml(readFileSync(fixturePath("third-party", "openai-openapi.yaml"), "utf8"), { maxAliasCount: -1 }) : undefined) as
    | { paths: Record<string, Record<string, { "x-oaiMeta": { examples: { title: string; response: string }[] } }>> }
    | undefined;
  const examples = api?.paths["/chat/completions"]!.post!["x-oaiMeta"].examples ?? [];

  it.each(examples.filter((e) => e.title !== "Streaming").map((e) => [e.title, e.response]))(
    "%s validates against chat-completion",
    (_title, response) => {
      expect(errorsInEveryVersion("chat-completion", JSON.parse(withoutPlaceholders(response!)))).toEqual(validEverywhere);
    },
  );

  it("Streaming: each chunk validates against chat-completion-chunk, the first delta has the role", () => {
    const response = examples.find((e) => e.title === "Streaming")!.response;
    const chunks = withoutPlaceholders(response)
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as Chunk);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) expect(errorsInEveryVersion("chat-completion-chunk", c)).toEqual(validEverywhere);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
  });

  it("covers the examples OpenAI publishes (a new one shows up here)", () => {
    expect(examples.map((e) => e.title).sort()).toEqual(["Default", "Functions", "Image input", "Logprobs", "Streaming"]);
  });
});

/** The documents of the chat areas that a version has (reasoning.md from 1.1 on). */
const chatAreaFiles = (version: string) =>
  ["chat.md", "streaming.md", "tools.md", "structured-output.md", "reasoning.md"].filter((f) => existsSync(join(specDir(version), f)));

/** The JSON and SSE examples written into the spec text of these areas, each with the schema it shows. */
function specExamples(version: string): { where: string; schema: string; doc: unknown }[] {
  const out: { where: string; schema: string; doc: unknown }[] = [];
  for (const file of chatAreaFiles(version)) {
    const text = readFileSync(join(specDir(version), file), "utf8");
    for (const [, lang, body] of text.matchAll(/^```(json|text)\n([\s\S]*?)^```$/gm)) {
      const docs =
        lang === "json"
          ? [JSON.parse(body!) as Record<string, unknown>]
          : body!
              .split("\n")
              .filter((l) => l.startsWith("data: {"))
              .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
      for (const doc of docs) {
        const schema =
          "messages" in doc ? "chat-completion-request"
          : doc.object === "chat.completion" ? "chat-completion"
          : doc.object === "chat.completion.chunk" ? "chat-completion-chunk"
          : "error" in doc ? "error"
          : doc.role === "assistant" ? "chat-message"
          : undefined;
        // Chunks abbreviated "for brevity" in tools.md lack id/object/created/model; their choices are checked.
        if (schema === undefined && Array.isArray(doc.choices)) {
          const full = { id: "chatcmpl-x", object: "chat.completion.chunk", created: 1767225600, model: "lis-tiny", ...doc };
          out.push({ where: `${file} (abbreviated chunk)`, schema: "chat-completion-chunk", doc: full });
        } else if (schema !== undefined) out.push({ where: file, schema, doc });
        else throw new Error(`${file}: an example whose schema this test does not know: ${JSON.stringify(doc).slice(0, 80)}`);
      }
    }
  }
  return out;
}

describe.each([...SPEC_VERSIONS])("examples in the text of spec/%s", (version) => {
  const examples = specExamples(version);

  it("are found in every document (a lost code fence shows up here)", () => {
    const files = new Set(examples.map((e) => e.where.split(" ")[0]));
    expect([...files].sort()).toEqual(chatAreaFiles(version).sort());
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it.each(examples.map((e, i) => [i, e.where, e.schema, e.doc] as const))("#%i in %s validates against %s", (_i, _where, schema, doc) => {
    expect(validate(schema, doc, version).errors).toEqual([]);
  });
});

/**
 * An OpenAI SDK client whose transport answers every request with `body` (no network): the real client
 * code decides what a response means. `sent` collects the request bodies it produced.
 */
function sdkWith(body: string, contentType: string): { client: OpenAI; sent: unknown[] } {
  const sent: unknown[] = [];
  const client = new OpenAI({
    apiKey: "sk-test",
    baseURL: "http://127.0.0.1:9/v1",
    maxRetries: 0,
    fetch: async (_url: unknown, init?: { body?: unknown }) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response(body, { status: 200, headers: { "content-type": contentType } });
    },
  });
  return { client, sent };
}

const sseOf = (chunks: unknown[], done = true) => chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + (done ? "data: [DONE]\n\n" : "");
const chunkHead = { id: "chatcmpl-x", object: "chat.completion.chunk", created: 1767225600, model: "lis-tiny" };
const ask = { model: "lis-tiny", messages: [{ role: "user" as const, content: "Weather in Paris and Rome?" }] };

// The positions above are about what real clients do; these run the OpenAI Node SDK (a dev dependency)
// against canned responses, so the evidence is the client's own code, not a description of it.
describe("the OpenAI Node SDK against the positions of the spec", () => {
  it("echoes a response message with refusal and annotations, and the next request still validates (CHAT-037)", async () => {
    const completion = readJson(join(dir, "examples", "chat-completion", "valid-tool-calls.json")) as Record<string, any>;
    completion.choices[0].message.refusal = null;
    completion.choices[0].message.annotations = [];
    const { client, sent } = sdkWith(JSON.stringify(completion), "application/json");
    const first = await client.chat.completions.create(ask);
    await client.chat.completions.create({
      ...ask,
      messages: [...ask.messages, first.choices[0]!.message, { role: "tool", tool_call_id: "call_8a1f", content: "18 °C" }],
    });
    const echoed = (sent[1] as { messages: Record<string, unknown>[] }).messages[1]!;
    expect(echoed).toHaveProperty("refusal", null);
    expect(echoed).toHaveProperty("annotations", []);
    for (const body of sent) expect(validate("chat-completion-request", body).errors).toEqual([]);
  });

  it("echoes a reasoning model's message with reasoning_content, and the next 1.1 request still validates (REASON-009)", async () => {
    const completion = readJson(join(schemaDir("1.1"), "examples", "chat-completion", "valid-reasoning-content.json")) as Record<string, any>;
    const { client, sent } = sdkWith(JSON.stringify(completion), "application/json");
    const first = await client.chat.completions.create({ ...ask, reasoning_effort: "low" });
    await client.chat.completions.create({
      ...ask,
      reasoning_effort: "low",
      messages: [...ask.messages, first.choices[0]!.message, { role: "user", content: "And in Rome?" }],
    });
    const echoed = (sent[1] as { messages: Record<string, unknown>[] }).messages[1]!;
    expect(echoed).toHaveProperty("reasoning_content", completion.choices[0].message.reasoning_content);
    for (const body of sent) expect(validate("chat-completion-request", body, "1.1").errors).toEqual([]);
    // In 1.0 reasoning_effort is a vendor member: a 1.0 server honours it or rejects it by name (ERR-015).
    expect(validate("chat-completion-request", sent[0], "1.0").errors.map((e) => e.pointer)).toEqual(["/reasoning_effort"]);
  });

  it("assembles the streamed tool calls of tools.md into two calls with JSON arguments (TOOL-019, TOOL-020)", async () => {
    const text = readFileSync(join(specDir("1.0"), "tools.md"), "utf8");
    const block = text.slice(text.indexOf("## Streaming tool calls"));
    const chunks = block
      .slice(block.indexOf("```text"), block.indexOf("```\n", block.indexOf("```text") + 7))
      .split("\n")
      .filter((l) => l.startsWith("data: {"))
      .map((l) => ({ ...chunkHead, ...JSON.parse(l.slice(6)) }));
    const { client } = sdkWith(sseOf(chunks), "text/event-stream");
    const final = await client.chat.completions.stream(ask).finalChatCompletion();
    const calls = final.choices[0]!.message.tool_calls!;
    expect(calls.map((c) => c.id)).toEqual(["call_8a1f", "call_8a20"]);
    expect(calls.map((c) => (c.type === "function" ? JSON.parse(c.function.arguments) : null))).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    expect(final.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("loses or merges tool calls when index is missing or repeated (why TOOL-019 requires it)", async () => {
    const call = (id: string, city: string, index?: number) => ({
      ...(index === undefined ? {} : { index }),
      id,
      type: "function",
      function: { name: "get_weather", arguments: JSON.stringify({ city }) },
    });
    const stream = (calls: unknown[]) =>
      sseOf([
        { ...chunkHead, choices: [{ index: 0, delta: { role: "assistant", content: null, tool_calls: [calls[0]] }, finish_reason: null }] },
        ...calls.slice(1).map((c) => ({ ...chunkHead, choices: [{ index: 0, delta: { tool_calls: [c] }, finish_reason: null }] })),
        { ...chunkHead, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
      ]);
    const withoutIndex = await sdkWith(stream([call("call_1", "Paris")]), "text/event-stream").client.chat.completions.stream(ask).finalChatCompletion();
    expect(withoutIndex.choices[0]!.message.tool_calls ?? []).toEqual([]);
    const sameIndex = await sdkWith(stream([call("call_1", "Paris", 0), call("call_2", "Rome", 0)]), "text/event-stream")
      .client.chat.completions.stream(ask)
      .finalChatCompletion();
    const merged = sameIndex.choices[0]!.message.tool_calls!;
    expect(merged).toHaveLength(1);
    expect(() => JSON.parse((merged[0] as { function: { arguments: string } }).function.arguments)).toThrow();
  });

  it("raises APIError for the mid-stream error event of streaming.md (STREAM-018)", async () => {
    const text = readFileSync(join(specDir("1.0"), "streaming.md"), "utf8");
    const errorLine = text.split("\n").find((l) => l.startsWith('data: {"error"'))!;
    const body = `data: ${JSON.stringify({ ...chunkHead, choices: [{ index: 0, delta: { role: "assistant", content: "Hel" }, finish_reason: null }] })}\n\n${errorLine}\n\n`;
    const stream = await sdkWith(body, "text/event-stream").client.chat.completions.create({ ...ask, stream: true });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) seen.push(chunk);
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(seen).toHaveLength(1);
  });

  it.skipIf(!hasSharedFixtures)("fails on llama.cpp's captured stream: missing role in the first delta (STREAM-009)", async () => {
    const { client } = sdkWith(readCapture("chat-stream.http").body, "text/event-stream");
    await expect(client.chat.completions.stream(ask).finalChatCompletion()).rejects.toThrow(/missing role for choice 0/);
  });

  it("accepts the same content once the first delta carries the role (the failure above is the role, nothing else)", async () => {
    const chunks = [
      { ...chunkHead, choices: [{ index: 0, delta: { role: "assistant", content: "alph" }, finish_reason: null }] },
      { ...chunkHead, choices: [{ index: 0, delta: { content: " zes" }, finish_reason: null }] },
      { ...chunkHead, choices: [{ index: 0, delta: {}, finish_reason: "length" }] },
    ];
    const final = await sdkWith(sseOf(chunks), "text/event-stream").client.chat.completions.stream(ask).finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe("alph zes");
  });
});
