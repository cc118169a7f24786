import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { getValidator } from "../../tools/validate/validators.js";
import { parseSse } from "../../tools/util/sse.js";
import { serve, type Json } from "./support.js";

/**
 * Thousands of malformed and random requests: the server never crashes and never answers 5xx; every
 * reply is a valid error envelope or a valid response of its endpoint (bounded in runs and in time).
 */
const PARAMS = ["model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n", "stream", "stream_options", "stop", "seed", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "response_format", "presence_penalty", "frequency_penalty", "logit_bias", "user", "lis", "input", "encoding_format", "dimensions", "reasoning_effort"];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom(null, "", "lis-tiny", "auto", "required", "none", "text", "json_object", "base64", "float", "low", "high", 0.5, -1, 1e300, true, [], {}, [""], [1, 2], [[3]]),
  fc.constantFrom(
    [{ role: "user", content: "hi" }],
    [{ role: "developer", content: [{ type: "text", text: "x" }] }, { role: "user", content: "get_weather" }],
    [{ role: "assistant", content: null }],
    [{ role: "user", content: "hi" }, { role: "assistant", content: "Hello.", reasoning_content: "The user greets me." }, { role: "user", content: "again" }],
    [{ role: "tool", content: "x", tool_call_id: "c" }],
    [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }],
    { type: "json_schema", json_schema: { name: "x", schema: { type: "object", properties: { a: { type: "integer", minimum: 3 } }, required: ["a"] } } },
    { type: "json_schema", json_schema: { name: "x", schema: { type: "nope" } } },
    [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { c: { type: "string" } }, required: ["c"] } } }],
    { include_usage: true },
  ),
);

const body = fc.oneof(
  // a valid chat request with some members replaced, removed or added
  fc.record({
    base: fc.constantFrom<Json>({ model: "lis-tiny", messages: [{ role: "user", content: "Use get_weather" }], max_tokens: 8 }, { model: "lis-tiny", input: ["a fox"] }),
    set: fc.dictionary(fc.constantFrom(...PARAMS), value, { maxKeys: 4 }),
    drop: fc.subarray(["model", "messages", "input", "max_tokens"]),
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 })),
  }).map(({ base, set, drop, extra }) => {
    const b: Json = { ...base, ...set, ...(extra ?? {}) };
    for (const k of drop) delete b[k];
    if (typeof b.max_tokens !== "number" && typeof b.max_completion_tokens !== "number") b.max_tokens = 8; // bound the work per request
    return JSON.stringify(b);
  }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 60 }),
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a).toString("latin1")),
);

const request = fc.record({
  method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH"),
  path: fc.constantFrom("/chat/completions", "/chat/completions", "/embeddings", "/models", "/models/lis-tiny", "/models/x%2Fy", "/nope", "/chat/completions/", ""),
  contentType: fc.constantFrom("application/json", "application/json", "Application/JSON; charset=utf-8", "text/plain", undefined),
  body,
});

describe("fuzzing lis serve", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (s = await serve()));
  afterAll(() => s.close());

  it("answers every request with a valid error or a valid response, never 5xx", async () => {
    // The server implements 1.1 by default: its replies are judged by the 1.1 schemas (a superset of 1.0).
    const validate = (name: string, doc: unknown) => getValidator(name, "1.1")(doc);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, contentType, body }) => {
        runs++;
        const withBody = method !== "GET" && method !== "DELETE";
        const res = await fetch(s.url + path, {
          method,
          headers: contentType && withBody ? { "Content-Type": contentType } : {},
          body: withBody ? body : undefined,
        });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        const type = res.headers.get("content-type") ?? "";
        if (res.status >= 400) {
          expect(validate("error", JSON.parse(text)).errors).toEqual([]);
          return;
        }
        if (type.startsWith("text/event-stream")) {
          const { events } = parseSse(text);
          expect(events.at(-1)?.data).toBe("[DONE]");
          for (const e of events.slice(0, -1)) expect(validate("chat-completion-chunk", JSON.parse(e.data)).errors).toEqual([]);
          return;
        }
        const doc = JSON.parse(text);
        const name = path === "/models" ? "model-list" : path.startsWith("/models/") ? "model" : path === "/embeddings" ? "embedding-list" : "chat-completion";
        expect(validate(name, doc).errors, text.slice(0, 300)).toEqual([]);
      }),
      { numRuns: 2000, interruptAfterTimeLimit: 45_000, seed: 20261128 },
    );
    expect(runs).toBeGreaterThan(100);
  });
});
