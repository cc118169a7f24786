import { describe, expect, it } from "vitest";
import { checkRegistry } from "../../tools/conformance/checks/index.js";
import { choicesOf } from "../../tools/conformance/checks/util.js";
import { chunk, completion, ctx, exchange, response } from "./check-context.js";

const run = (name: string, args: Record<string, unknown>, c: ReturnType<typeof ctx>) => checkRegistry.get(name)!.run(args, c);
const f32base64 = (v: number[]) => Buffer.from(new Float32Array(v).buffer).toString("base64");

describe("check functions", () => {
  it("every check has a name, a description and a compilable args schema", () => {
    for (const [name, def] of checkRegistry) {
      expect(def.name).toBe(name);
      expect(def.description.length).toBeGreaterThan(20);
    }
    expect(checkRegistry.size).toBeGreaterThanOrEqual(19);
  });

  it("uniqueValues", () => {
    const ok = ctx(response({ json: { data: [{ id: "a" }, { id: "b" }] } }));
    const dup = ctx(response({ json: { data: [{ id: "a" }, { id: "a" }] } }));
    expect(run("uniqueValues", { path: "$.data[*].id" }, ok).passed).toBe(true);
    expect(run("uniqueValues", { path: "$.data[*].id" }, dup)).toMatchObject({ passed: false, message: expect.stringMatching(/positions 0 and 1/) });
  });

  it("matchesListEntry", () => {
    const list = exchange(response({ json: { data: [{ id: "m", object: "model", created: 5, owned_by: "o" }] } }));
    expect(run("matchesListEntry", { listStep: "list" }, ctx(response({ json: { id: "m", object: "model", created: 5, owned_by: "o" } }), {}, { list })).passed).toBe(true);
    expect(run("matchesListEntry", { listStep: "list" }, ctx(response({ json: { id: "m", object: "model", created: 6, owned_by: "o" } }), {}, { list }))).toMatchObject({ passed: false, message: "differs from the list entry in created" });
    // A created that moves between two lists (the current time) is not compared; other fields still are.
    const moved = exchange(response({ json: { data: [{ id: "m", object: "model", created: 7, owned_by: "o" }] } }));
    const stable = { listStep: "list", stableStep: "again" };
    expect(run("matchesListEntry", stable, ctx(response({ json: { id: "m", object: "model", created: 9, owned_by: "o" } }), {}, { list, again: moved })).inconclusive).toMatch(/created changed between two GET \/models calls/);
    expect(run("matchesListEntry", stable, ctx(response({ json: { id: "m", object: "model", created: 9, owned_by: "x" } }), {}, { list, again: moved }))).toMatchObject({ passed: false, message: "differs from the list entry in owned_by" });
    expect(run("matchesListEntry", stable, ctx(response({ json: { id: "m", object: "model", created: 6, owned_by: "o" } }), {}, { list, again: list })).passed).toBe(false);
  });

  it("usageArithmetic, for bodies and streams", () => {
    expect(run("usageArithmetic", {}, ctx(response({ json: completion([]) }))).passed).toBe(true);
    expect(run("usageArithmetic", {}, ctx(response({ json: completion([], { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 6 } }) }))).passed).toBe(false);
    expect(run("usageArithmetic", {}, ctx(response({ json: completion([], { usage: { prompt_tokens: 3, completion_tokens: 2.5, total_tokens: 5.5 } }) }))).passed).toBe(false);
    const stream = response({ chunks: [chunk([{ index: 0, delta: {}, finish_reason: "stop" }]), chunk([], { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })] });
    expect(run("usageArithmetic", {}, ctx(stream)).passed).toBe(true);
    expect(run("usageArithmetic", { embeddings: true }, ctx(response({ json: { usage: { prompt_tokens: 4, total_tokens: 4 } } }))).passed).toBe(true);
  });

  it("completionTokensWithinMax reads the limit and n from the request", () => {
    const body = completion([], { usage: { prompt_tokens: 1, completion_tokens: 8, total_tokens: 9 } });
    expect(run("completionTokensWithinMax", {}, ctx(response({ json: body }), { max_tokens: 8 })).passed).toBe(true);
    expect(run("completionTokensWithinMax", {}, ctx(response({ json: body }), { max_completion_tokens: 4, n: 2 })).passed).toBe(true);
    expect(run("completionTokensWithinMax", {}, ctx(response({ json: body }), { max_tokens: 7 })).passed).toBe(false);
    expect(run("completionTokensWithinMax", { max: 7 }, ctx(response({ json: body }), {})).passed).toBe(false);
  });

  it("sameIdAcrossChunks", () => {
    const same = response({ chunks: [chunk([]), chunk([])] });
    const differs = response({ chunks: [chunk([]), chunk([], { id: "c2" })] });
    const created = response({ chunks: [chunk([]), chunk([], { created: 2 })] });
    expect(run("sameIdAcrossChunks", {}, ctx(same)).passed).toBe(true);
    expect(run("sameIdAcrossChunks", {}, ctx(differs))).toMatchObject({ passed: false, message: "chunk 2 has a different id" });
    expect(run("sameIdAcrossChunks", {}, ctx(created)).passed).toBe(true);
    expect(run("sameIdAcrossChunks", { fields: ["id", "created"] }, ctx(created)).passed).toBe(false);
    expect(run("sameIdAcrossChunks", {}, ctx(response({ json: {} }))).passed).toBe(false);
  });

  it("oneFinishPerChoice", () => {
    const good = response({ chunks: [chunk([{ index: 0, delta: { role: "assistant", content: "a" }, finish_reason: null }]), chunk([{ index: 0, delta: {}, finish_reason: "stop" }])] });
    const twice = response({ chunks: [chunk([{ index: 0, delta: {}, finish_reason: "stop" }]), chunk([{ index: 0, delta: {}, finish_reason: "stop" }])] });
    const after = response({ chunks: [chunk([{ index: 0, delta: {}, finish_reason: "stop" }]), chunk([{ index: 0, delta: { content: "x" }, finish_reason: null }])] });
    const none = response({ chunks: [chunk([{ index: 0, delta: { content: "a" }, finish_reason: null }])] });
    expect(run("oneFinishPerChoice", {}, ctx(good)).passed).toBe(true);
    expect(run("oneFinishPerChoice", {}, ctx(twice)).message).toMatch(/2 chunks carry a finish_reason/);
    expect(run("oneFinishPerChoice", {}, ctx(after)).message).toMatch(/after its finish_reason/);
    expect(run("oneFinishPerChoice", {}, ctx(none)).passed).toBe(false);
    expect(run("oneFinishPerChoice", {}, ctx(good, { n: 2 })).message).toMatch(/choice 1 never appears/);
  });

  it("finalChunkFinishReason", () => {
    const s = response({ chunks: [chunk([{ index: 0, delta: {}, finish_reason: "tool_calls" }])] });
    expect(run("finalChunkFinishReason", { in: ["tool_calls"] }, ctx(s)).passed).toBe(true);
    expect(run("finalChunkFinishReason", { in: ["stop"] }, ctx(s)).passed).toBe(false);
    expect(run("finalChunkFinishReason", { in: ["stop"] }, ctx(response({ json: completion([{ index: 0, message: {}, finish_reason: "stop" }]) }))).passed).toBe(true);
  });

  it("argumentsConcatenateToValidJson, streamed fragments and whole messages", () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", required: ["city"], properties: { city: { type: "string" } }, additionalProperties: false } } }];
    const frag = (args: string, first = false) => chunk([{ index: 0, delta: { tool_calls: [{ index: 0, ...(first ? { id: "call_1", type: "function", function: { name: "get_weather", arguments: args } } : { function: { arguments: args } }) }] }, finish_reason: null }]);
    const end = chunk([{ index: 0, delta: {}, finish_reason: "tool_calls" }]);
    const good = response({ chunks: [frag('{"ci', true), frag('ty": "Paris"'), frag("}"), end] });
    const broken = response({ chunks: [frag('{"ci', true), frag('ty": "Paris"'), end] });
    const invalid = response({ chunks: [frag('{"town": "Paris"}', true), end] });
    expect(run("argumentsConcatenateToValidJson", { requireCall: true }, ctx(good, { tools })).passed).toBe(true);
    expect(run("argumentsConcatenateToValidJson", { validate: false }, ctx(broken, { tools })).message).toMatch(/do not parse as JSON/);
    expect(run("argumentsConcatenateToValidJson", {}, ctx(broken, { tools })).passed).toBe(true); // the form is judged with validate: false
    expect(run("argumentsConcatenateToValidJson", {}, ctx(invalid, { tools })).message).toMatch(/not valid against "get_weather"/);
    expect(run("argumentsConcatenateToValidJson", { validate: false }, ctx(invalid, { tools })).passed).toBe(true);
    // A name repeated in later elements (TOOL-019's to report) is not concatenated: the call still names get_weather.
    const repeatedName = response({ chunks: [frag('{"city":', true), frag('"Oslo"}', true), end] });
    expect(choicesOf(ctx(repeatedName, { tools }))[0].toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' }]);
    const message = (args: unknown, name = "get_weather") => response({ json: completion([{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name, arguments: args } }] }, finish_reason: "tool_calls" }]) });
    expect(run("argumentsConcatenateToValidJson", {}, ctx(message('{"city":"Oslo"}'), { tools })).passed).toBe(true);
    expect(run("argumentsConcatenateToValidJson", { validate: false }, ctx(message({ city: "Oslo" }), { tools })).message).toMatch(/not a string/);
    // Validating judges arguments against the schema only: their form and undeclared names are other clauses'.
    expect(run("argumentsConcatenateToValidJson", {}, ctx(message({ city: "Oslo" }), { tools })).passed).toBe(true);
    expect(run("argumentsConcatenateToValidJson", {}, ctx(message('{"town":"Oslo"}', "other"), { tools })).passed).toBe(true);
    expect(run("argumentsConcatenateToValidJson", { requireCall: true }, ctx(response({ json: completion([{ index: 0, message: { content: "hi" }, finish_reason: "stop" }]) }), { tools })).passed).toBe(false);
  });

  it("logprobsSortedDescending and logprobsSumAtMostOne", () => {
    const lp = (top: { token: string; logprob: number }[], token = "a", logprob = -0.1) => response({ json: completion([{ index: 0, message: { content: "a" }, finish_reason: "stop", logprobs: { content: [{ token, logprob, bytes: [97], top_logprobs: top }] } }]) });
    const sorted = lp([{ token: "a", logprob: -0.1 }, { token: "b", logprob: -3 }]);
    const unsorted = lp([{ token: "b", logprob: -3 }, { token: "a", logprob: -0.1 }]);
    const repeated = lp([{ token: "a", logprob: -0.1 }, { token: "a", logprob: -3 }]);
    const tooMuch = lp([{ token: "a", logprob: -0.1 }, { token: "b", logprob: -0.2 }]);
    const missingButLikely = lp([{ token: "b", logprob: -2 }], "a", -0.5);
    expect(run("logprobsSortedDescending", {}, ctx(sorted)).passed).toBe(true);
    expect(run("logprobsSortedDescending", {}, ctx(unsorted)).passed).toBe(false);
    expect(run("logprobsSortedDescending", {}, ctx(repeated)).message).toMatch(/repeated/);
    expect(run("logprobsSumAtMostOne", {}, ctx(sorted)).passed).toBe(true);
    expect(run("logprobsSumAtMostOne", {}, ctx(tooMuch)).message).toMatch(/sum to/);
    expect(run("logprobsSumAtMostOne", {}, ctx(missingButLikely)).message).toMatch(/missing from top_logprobs/);
  });

  it("embeddingsNormalised, embeddingDimensions, embeddingsMatchStep", () => {
    const list = (...vs: unknown[]) => response({ json: { object: "list", data: vs.map((embedding, index) => ({ object: "embedding", index, embedding })) } });
    expect(run("embeddingsNormalised", {}, ctx(list([0.6, 0.8], f32base64([1, 0])))).passed).toBe(true);
    expect(run("embeddingsNormalised", {}, ctx(list([0.6, 0.9])))).toMatchObject({ passed: false });
    expect(run("embeddingDimensions", { equals: 2 }, ctx(list([0.6, 0.8], [1, 0]))).passed).toBe(true);
    expect(run("embeddingDimensions", {}, ctx(list([0.6, 0.8], [1, 0, 0]))).message).toMatch(/different lengths/);
    expect(run("embeddingDimensions", { equals: 3 }, ctx(list([0.6, 0.8]))).passed).toBe(false);
    const earlier = { alone: exchange(list([0.6, 0.8])) };
    expect(run("embeddingsMatchStep", { step: "alone", pairs: [[1, 0]] }, ctx(list([1, 0], [0.6, 0.8]), {}, earlier)).passed).toBe(true);
    expect(run("embeddingsMatchStep", { step: "alone", pairs: [[0, 0]] }, ctx(list([1, 0], [0.6, 0.8]), {}, earlier)).message).toMatch(/cosine similarity/);
  });

  it("base64Float32Decodes, alone and against a float response", () => {
    const list = (...vs: unknown[]) => response({ json: { data: vs.map((embedding, index) => ({ index, embedding })) } });
    const v = [0.1, -0.25, 3.5];
    expect(run("base64Float32Decodes", {}, ctx(list(f32base64(v)))).passed).toBe(true);
    expect(run("base64Float32Decodes", {}, ctx(list(Buffer.from([1, 2, 3]).toString("base64")))).message).toMatch(/not a positive multiple of 4/);
    expect(run("base64Float32Decodes", {}, ctx(list("not base64!"))).message).toMatch(/base64/);
    expect(run("base64Float32Decodes", {}, ctx(list(f32base64([NaN])))).message).toMatch(/non-finite/);
    expect(run("base64Float32Decodes", {}, ctx(list(v))).message).toMatch(/not a string/);
    const floats = { float: exchange(list(v)) };
    expect(run("base64Float32Decodes", { compareStep: "float" }, ctx(list(f32base64(v)), {}, floats)).passed).toBe(true);
    expect(run("base64Float32Decodes", { compareStep: "float" }, ctx(list(f32base64([0.1, -0.25, 3.6])), {}, floats)).message).toMatch(/dimension 2/);
    // EMB-012 allows the server's own noise: twice what its two float responses differ by.
    const noisy = { float: exchange(list(v)), again: exchange(list([0.1, -0.25, 3.5 + 1e-4])) };
    const compare = { compareStep: "float", noiseStep: "again" };
    expect(run("base64Float32Decodes", compare, ctx(list(f32base64([0.1 - 1e-4, -0.25, 3.5 + 1.5e-4])), {}, noisy)).passed).toBe(true);
    expect(run("base64Float32Decodes", compare, ctx(list(f32base64([0.1, -0.25, 3.5 + 5e-4])), {}, noisy)).message).toMatch(/dimension 2/);
    expect(run("base64Float32Decodes", compare, ctx(list(f32base64([0.1, -0.25, 3.5 + 5e-4])), {}, { float: floats.float, again: floats.float })).passed).toBe(false);
    // Without the run fact of reproducible vectors, the comparison is inconclusive (the decoding is still judged).
    expect(run("base64Float32Decodes", { compareStep: "float" }, { ...ctx(list(f32base64([9, 9, 9])), {}, floats), notComparable: "not reproducible" }).inconclusive).toMatch(/not reproducible/);
    expect(run("base64Float32Decodes", { compareStep: "float" }, { ...ctx(list("not base64!"), {}, floats), notComparable: "not reproducible" }).passed).toBe(false);
  });

  it("apiKeyNotEchoed finds the key, or any 5-character part of it, in body or headers", () => {
    const key = "sk-0123456789";
    expect(run("apiKeyNotEchoed", {}, ctx(response({ json: { error: { message: "bad key sk-0…" } } }), {}, {}, key)).passed).toBe(true);
    expect(run("apiKeyNotEchoed", {}, ctx(response({ json: { m: "key 45678 is wrong" } }), {}, {}, key)).passed).toBe(false);
    expect(run("apiKeyNotEchoed", {}, ctx(response({ json: {}, headers: { "x-key": key } }), {}, {}, key)).message).toMatch(/header x-key/);
    expect(run("apiKeyNotEchoed", { key: "wrong-key-123" }, ctx(response({ json: { m: "wrong-key-123" } }))).passed).toBe(false);
    expect(run("apiKeyNotEchoed", {}, ctx(response({ json: { m: "anything" } }))).passed).toBe(true);
  });

  it("sseEventFormat judges the wire text", () => {
    const ok = response({ chunks: [chunk([])], raw: `: ping\n\ndata: ${JSON.stringify(chunk([]))}\n\ndata: [DONE]\n\n` });
    const noSpace = response({ chunks: [chunk([])], raw: `data:${JSON.stringify(chunk([]))}\n\ndata: [DONE]\n\n` });
    const eventField = response({ chunks: [chunk([])], raw: `event: chunk\ndata: ${JSON.stringify(chunk([]))}\n\ndata: [DONE]\n\n` });
    const multiLine = response({ chunks: [chunk([])], raw: `data: {"a":\ndata: 1}\n\ndata: [DONE]\n\n` });
    expect(run("sseEventFormat", {}, ctx(ok)).passed).toBe(true);
    expect(run("sseEventFormat", {}, ctx(noSpace)).passed).toBe(false);
    expect(run("sseEventFormat", {}, ctx(eventField)).message).toMatch(/2 field lines/);
    expect(run("sseEventFormat", {}, ctx(multiLine)).passed).toBe(false);
  });

  it("streamMatchesStep compares a stream with a non-streamed step", () => {
    const plain = { plain: exchange(response({ json: completion([{ index: 0, message: { role: "assistant", content: "Hello there" }, finish_reason: "stop" }]) })) };
    const s = (text: string, finish = "stop") => response({ chunks: [chunk([{ index: 0, delta: { role: "assistant", content: text.slice(0, 3) }, finish_reason: null }]), chunk([{ index: 0, delta: { content: text.slice(3) }, finish_reason: finish }])] });
    expect(run("streamMatchesStep", { step: "plain" }, ctx(s("Hello there"), {}, plain)).passed).toBe(true);
    expect(run("streamMatchesStep", { step: "plain" }, ctx(s("Hello where"), {}, plain)).message).toMatch(/content differs/);
    expect(run("streamMatchesStep", { step: "plain" }, ctx(s("Hello there", "length"), {}, plain)).message).toMatch(/finish_reason differs/);
  });

  it("contentIsJson honours json_object and json_schema", () => {
    const c = (content: string, finish = "stop") => response({ json: completion([{ index: 0, message: { role: "assistant", content }, finish_reason: finish }]) });
    const schemaReq = { response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object", required: ["a"], properties: { a: { type: "integer" } } } } } };
    expect(run("contentIsJson", {}, ctx(c(' {"a": 1}\n'), schemaReq)).passed).toBe(true);
    expect(run("contentIsJson", {}, ctx(c('{"a": "1"}'), schemaReq)).message).toMatch(/not valid against the requested schema/);
    expect(run("contentIsJson", {}, ctx(c('```json\n{"a": 1}\n```'), schemaReq)).message).toMatch(/not a single JSON text/);
    expect(run("contentIsJson", {}, ctx(c('{"a": '), schemaReq)).passed).toBe(false);
    expect(run("contentIsJson", {}, ctx(c('{"a": ', "length"), schemaReq)).passed).toBe(true);
    expect(run("contentIsJson", {}, ctx(c("[1]"), { response_format: { type: "json_object" } })).message).toMatch(/not an object/);
  });

  it("timestampPlausible catches milliseconds and non-integers", () => {
    const at = Date.UTC(2026, 10, 28) ;
    const r = (created: unknown) => response({ json: { data: [{ created }] }, receivedAtMs: at });
    expect(run("timestampPlausible", { path: "$.data[*].created" }, ctx(r(at / 1000 - 100))).passed).toBe(true);
    expect(run("timestampPlausible", { path: "$.data[*].created" }, ctx(r(at))).message).toMatch(/future/);
    expect(run("timestampPlausible", { path: "$.data[*].created" }, ctx(r(12.5))).passed).toBe(false);
    expect(run("timestampPlausible", { path: "$.data[*].created", maxAgeSeconds: 86400 }, ctx(r(1000))).message).toMatch(/older/);
  });
});
