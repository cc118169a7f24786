import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { request as httpRequest } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { VARIANTS, resolveVariants } from "../../tools/serve/variants/index.js";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { loadClauses, type Clause } from "../../tools/clauses/registry.js";
import { SPEC_VERSIONS, specDir } from "../../tools/util/paths.js";
import { sendRequest } from "../../tools/http/client.js";
import { parseSse } from "../../tools/util/sse.js";

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const clausesByVersion = new Map(SPEC_VERSIONS.map((v) => [v, new Map(loadClauses(v).map((c) => [c.id, c] as [string, Clause]))]));

describe("variant definitions", () => {
  it("have unique kebab-case names and a description", () => {
    const names = VARIANTS.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const v of VARIANTS) {
      expect(v.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(v.description.length, v.name).toBeGreaterThan(30);
      expect(v.allowedBy.length, `${v.name} cites the text that allows it`).toBeGreaterThan(0);
    }
  });

  it("quote the spec verbatim: every clause quote is in that clause's text, every doc quote in that document, in each version it is cited for", () => {
    const missing: string[] = [];
    for (const v of VARIANTS) {
      for (const t of v.allowedBy) {
        const versions = (t.versions ?? SPEC_VERSIONS) as string[];
        for (const version of versions) expect(SPEC_VERSIONS as readonly string[], `${v.name}: version ${version}`).toContain(version);
        if ("clause" in t) {
          const found = versions.map((version) => [version, clausesByVersion.get(version as (typeof SPEC_VERSIONS)[number])!.get(t.clause)] as const).filter((x): x is readonly [string, Clause] => x[1] !== undefined);
          if (found.length === 0) missing.push(`${v.name}: no clause ${t.clause}`);
          for (const [version, c] of found) if (!squash(c.text).includes(squash(t.quote))) missing.push(`${v.name}: ${t.clause} of ${version} does not say "${t.quote}"`);
        } else if ("doc" in t) {
          for (const version of versions) {
            if (!squash(readFileSync(join(specDir(version), t.doc), "utf8")).includes(squash(t.quote))) missing.push(`${v.name}: spec/${version}/${t.doc} does not say "${t.quote}"`);
          }
        } else expect(t.rfc).toMatch(/^RFC \d+ §[\d.]+$/);
      }
    }
    expect(missing).toEqual([]);
  });

  it("cite, for every spec version, text of that version that allows the freedom", () => {
    for (const v of VARIANTS) {
      for (const version of SPEC_VERSIONS) {
        expect(v.allowedBy.some((t) => !("rfc" in t) && (t.versions === undefined || t.versions.includes(version))), `${v.name} in ${version}`).toBe(true);
      }
    }
  });

  it("depart only from SHOULD or MAY clauses, each with a reason", () => {
    for (const v of VARIANTS) {
      for (const d of v.departsFrom ?? []) {
        const clause = clausesByVersion.get("1.1")!.get(d.clause) ?? clausesByVersion.get("1.0")!.get(d.clause);
        expect(clause, `${v.name}: ${d.clause}`).toBeDefined();
        expect(clause!.level, `${v.name} departs from ${d.clause}`).not.toBe("MUST");
        expect(d.why.length).toBeGreaterThan(20);
      }
    }
  });

  it("cover every freedom issue 12 names", () => {
    const names = new Set(VARIANTS.map((v) => v.name));
    for (const name of ["sse-comments", "sse-crlf", "unknown-members", "role-delta-content-null", "finish-with-last-piece", "coarse-chunks", "fine-chunks", "usage-details", "unreproducible-sampling", "cache-dependent-output", "immediate-stop", "id-formats", "model-created-restamped"]) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it("are resolved by name, and an unknown name is a usage error naming --list-variants", () => {
    expect(resolveVariants(["SSE-CRLF"]).map((v) => v.name)).toEqual(["sse-crlf"]);
    expect(() => resolveVariants(["no-such"])).toThrow(/--list-variants/);
  });
});

/** A server per variant set, closed after the tests. */
const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));
async function serve(...variants: string[]): Promise<string> {
  const s = await startServer({ port: 0, variants });
  servers.push(s);
  return s.url;
}
const chat = (body: Record<string, unknown>) => ({ model: "lis-tiny", messages: [{ role: "user", content: "Tell me a fable about a fox." }], max_tokens: 12, ...body });
async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/chat/completions`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { res, text: await res.text() };
}

describe("variants on the wire", () => {
  it("split-writes sends chunked bodies cut inside multi-byte characters, which the runner's transport reassembles", async () => {
    const url = await serve("split-writes", "unknown-members");
    const raw = await new Promise<{ headers: Record<string, unknown>; pieces: Buffer[] }>((resolve, reject) => {
      const req = httpRequest(`${url}/models`, (res) => {
        const pieces: Buffer[] = [];
        res.on("data", (d: Buffer) => pieces.push(d));
        res.on("end", () => resolve({ headers: res.headers, pieces }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(raw.headers["transfer-encoding"]).toBe("chunked");
    expect(raw.headers["content-length"]).toBeUndefined();
    // Some piece ends inside a multi-byte character (its last byte a UTF-8 lead or continuation byte).
    expect(raw.pieces.some((p) => p[p.length - 1] >= 0x80)).toBe(true);
    const got = await sendRequest({ method: "GET", url: `${url}/models`, headers: {} }, { timeoutMs: 5000, maxBodyBytes: 1 << 20 });
    expect((got.response?.json as { data: { x_lis_variant: { note: string } }[] }).data[0].x_lis_variant.note).toContain("✓");
  });

  it("gzip-responses compresses JSON only when Accept-Encoding admits gzip", async () => {
    const url = await serve("gzip-responses");
    const get = (accept: string) =>
      new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(`${url}/models`, { headers: { "Accept-Encoding": accept } }, (res) => {
          const pieces: Buffer[] = [];
          res.on("data", (d: Buffer) => pieces.push(d));
          res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(pieces) }));
        });
        req.on("error", reject);
        req.end();
      });
    const zipped = await get("gzip, deflate");
    expect(zipped.encoding).toBe("gzip");
    expect(JSON.parse(gunzipSync(zipped.body).toString("utf8")).object).toBe("list");
    for (const accept of ["identity", "gzip;q=0, deflate"]) expect((await get(accept)).encoding, accept).toBeUndefined();
  });

  it("sse-crlf and sse-comments write streams an SSE parser reads as the same events", async () => {
    const plain = await post(await serve(), chat({ stream: true, seed: 3 }));
    for (const variant of ["sse-crlf", "sse-comments"]) {
      const { text } = await post(await serve(variant), chat({ stream: true, seed: 3 }));
      expect(text.includes("\r\n\r\n") || text.includes(": keep-alive"), variant).toBe(true);
      const datas = (t: string) => parseSse(t).events.map((e) => JSON.parse(e.data === "[DONE]" ? "null" : e.data)?.choices?.[0]?.delta ?? e.data);
      expect(datas(text), variant).toEqual(datas(plain.text));
    }
  });

  it("model-created-restamped gives created another value at every call", async () => {
    const url = await serve("model-created-restamped");
    const created = async () => ((await (await fetch(`${url}/models`)).json()) as { data: { created: number }[] }).data[0].created;
    const [a, b] = [await created(), await created()];
    expect(a).not.toBe(b);
    expect(Math.abs(b - Date.now() / 1000)).toBeLessThan(3700);
  });

  it("cache-dependent-output answers the same seeded request differently after another request", async () => {
    const url = await serve("cache-dependent-output");
    const content = async (body: Record<string, unknown>) => (JSON.parse((await post(url, body)).text) as { choices: { message: { content: string } }[] }).choices[0].message.content;
    const seeded = chat({ seed: 7, max_tokens: 24 });
    const answers = new Set([await content(seeded), await content(seeded), await content(chat({ messages: [{ role: "user", content: "Something else." }] })), await content(seeded)]);
    expect(answers.size).toBeGreaterThan(1);
  });

  it("immediate-stop ends plain answers at once, but not structured output", async () => {
    const url = await serve("immediate-stop");
    const plain = JSON.parse((await post(url, chat({}))).text);
    expect(plain.choices[0]).toMatchObject({ message: { content: "" }, finish_reason: "stop" });
    expect(plain.usage.completion_tokens).toBeLessThanOrEqual(1);
    const json = JSON.parse((await post(url, chat({ max_tokens: 64, response_format: { type: "json_object" } }))).text);
    expect(json.choices[0].message.content.length).toBeGreaterThan(0);
  });

  it("refusing variants keep the server's own validation first: a malformed member is still rejected as malformed", async () => {
    const url = await serve("usage-unasked", "one-tool-call", "object-root-only", "no-multiple-choices");
    const bad = JSON.parse((await post(url, chat({ stream: true, stream_options: { include_usage: "yes" } }))).text);
    expect(bad.error.param).toBe("stream_options.include_usage");
    const badParallel = JSON.parse((await post(url, chat({ tools: [{ type: "function", function: { name: "f", description: "d", parameters: { type: "object", properties: {} } } }], parallel_tool_calls: "yes" }))).text);
    expect(badParallel.error.param).toBe("parallel_tool_calls");
    const invalidSchema = JSON.parse((await post(url, chat({ response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "objekt" } } } }))).text);
    expect(invalidSchema.error.code).toBe("invalid_value");
    const n = JSON.parse((await post(url, chat({ n: 2 }))).text);
    expect(n.error).toMatchObject({ param: "n", code: "unsupported_value" });
    // A freedom of the model comes after the 404 for a model the server does not serve.
    expect((await post(url, chat({ model: "no-such-model", n: 2 }))).res.status).toBe(404);
    const labels = await serve("fixed-labels-only");
    const classify = (model: string) => fetch(`${labels}/classifications`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ model, input: "x", labels: ["a", "b"] }) });
    expect((await classify("no-such-model")).status).toBe(404);
    expect(((await (await classify("lis-tiny")).json()) as { error: { param: string } }).error.param).toBe("labels");
    const twice = [{ role: "user", content: "a" }, { role: "user", content: "b" }];
    const strict = await serve("alternating-roles-only");
    expect(JSON.parse((await post(strict, chat({ messages: twice, temperature: 9 }))).text).error.param).toBe("temperature");
    expect(JSON.parse((await post(strict, chat({ messages: twice }))).text).error.param).toBe("messages[1]");
  });

  it("tool-calls-with-text says something beside its tool calls, streamed in the role delta", async () => {
    const url = await serve("tool-calls-with-text");
    const tools = [{ type: "function", function: { name: "get_time", description: "The time.", parameters: { type: "object", properties: {} } } }];
    const plain = JSON.parse((await post(url, chat({ tools, tool_choice: "required" }))).text);
    expect(plain.choices[0].message.content).toBe("Let me look that up.");
    expect(plain.choices[0].message.tool_calls).toHaveLength(1);
    const streamed = parseSse((await post(url, chat({ tools, tool_choice: "required", stream: true }))).text).events;
    expect(JSON.parse(streamed[0].data).choices[0].delta).toMatchObject({ role: "assistant", content: "Let me look that up." });
  });
});
