// The runner's HTTP edge (tools/http/client.ts) on its own: what it does that fetch used to do unasked
// (client headers, decoding compressed bodies, pooled connections) and the caps that keep it safe.
// The end-to-end defensive cases (hangs, drips, garbage, deadlines) are in runner.test.ts.
import { describe, expect, it } from "vitest";
import { brotliCompressSync, constants, createGzip, deflateSync, gzipSync } from "node:zlib";
import { sendRequest, type HttpLimits } from "../../tools/http/client.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";

const { fake } = fakesClosedAfterEach();
const limits = (more: Partial<HttpLimits> = {}): HttpLimits => ({ timeoutMs: 2000, maxBodyBytes: 64 * 1024, ...more });
const get = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers });

describe("sendRequest", () => {
  it("sends what a client sends: Accept and Accept-Encoding unless the case sets them, Content-Length with a body", async () => {
    const server = await fake((_req, res) => json(res, 200, { ok: true }));
    await sendRequest(get(`${server.url}/a`), limits());
    await sendRequest(get(`${server.url}/b`, { accept: "application/json", "accept-encoding": "identity" }), limits());
    await sendRequest({ method: "POST", url: `${server.url}/c`, headers: { "content-type": "application/json" }, body: '{"é":1}' }, limits());
    await sendRequest({ method: "POST", url: `${server.url}/d`, headers: {} }, limits());
    const [a, b, c, d] = server.requests;
    expect([a.headers.accept, a.headers["accept-encoding"]]).toEqual(["*/*", "gzip, deflate"]);
    expect([b.headers.accept, b.headers["accept-encoding"]]).toEqual(["application/json", "identity"]);
    expect([c.headers["content-length"], c.body]).toEqual(["8", '{"é":1}']);
    expect(d.headers["content-length"]).toBe("0");
    expect(d.headers["transfer-encoding"]).toBeUndefined();
  });

  it("decodes gzip, deflate and br bodies, and passes an unknown coding through as sent", async () => {
    const body = JSON.stringify({ object: "list", data: ["x".repeat(1000)] });
    const server = await fake((req, res) => {
      const coded: Record<string, [string, Buffer]> = {
        "/v1/gzip": ["gzip", gzipSync(body)],
        "/v1/deflate": ["deflate", deflateSync(body)],
        "/v1/br": ["br", brotliCompressSync(body)],
        "/v1/twice": ["deflate, gzip", gzipSync(deflateSync(body))],
        "/v1/odd": ["x-odd", Buffer.from(body)],
        "/v1/empty": ["gzip", Buffer.alloc(0)],
      };
      const [coding, bytes] = coded[req.url ?? ""];
      res.writeHead(200, { "content-type": "application/json", "content-encoding": coding, "content-length": bytes.length });
      res.end(bytes);
    });
    for (const path of ["gzip", "deflate", "br", "twice", "odd"]) {
      const { response, error } = await sendRequest(get(`${server.url}/${path}`), limits());
      expect(error, path).toBeUndefined();
      expect(response?.json, path).toEqual(JSON.parse(body));
    }
    const empty = await sendRequest(get(`${server.url}/empty`), limits());
    expect(empty.response?.jsonError).toBe("empty body");
  });

  it("counts decoded bytes against the size cap (a compression bomb is oversize), and calls a corrupt body a protocol error", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const server = await fake((req, res) => {
      const bytes = req.url === "/v1/bomb" ? bomb : Buffer.from("definitely not gzip");
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bytes.length });
      res.end(bytes);
    });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const boom = await sendRequest(get(`${server.url}/bomb`), limits({ maxBodyBytes: 1024 * 1024 }));
    expect(boom.error?.kind).toBe("oversize");
    const corrupt = await sendRequest(get(`${server.url}/corrupt`), limits());
    expect(corrupt.error?.kind).toBe("protocol");
    expect(corrupt.error?.message).toMatch(/gzip response body cannot be decoded/);
  });

  it("reads a gzip event stream event by event as the server flushes it", async () => {
    const server = await fake((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "content-encoding": "gzip" });
      const gz = createGzip();
      gz.pipe(res);
      let n = 0;
      const tick = () => {
        if (n === 3) return gz.end("data: [DONE]\n\n");
        gz.write(`data: {"n":${n++}}\n\n`);
        gz.flush(constants.Z_SYNC_FLUSH, () => setTimeout(tick, 40));
      };
      tick();
    });
    const { response, error } = await sendRequest(get(`${server.url}/s`), limits({ stream: { firstEventWithinMs: 1000 } }));
    expect(error).toBeUndefined();
    expect(response?.events?.map((e) => e.data)).toEqual(['{"n":0}', '{"n":1}', '{"n":2}', "[DONE]"]);
    expect(response?.unterminated).toBe(""); // nothing left after the last event
    // Flushed pieces were decoded as they came: the first event was seen well before the last.
    const at = response?.events?.map((e) => e.atMs) ?? [];
    expect(at[3] - at[0]).toBeGreaterThan(60);
  });

  it("joins repeated response headers and refuses a declared length over the cap before reading the body", async () => {
    const server = await fake((req, res) => {
      if (req.url === "/v1/big") {
        res.writeHead(200, { "content-type": "application/json", "content-length": 10_000_000 });
        return res.write("{");
      }
      res.setHeader("x-many", ["a", "b"]);
      json(res, 200, {});
    });
    const many = await sendRequest(get(`${server.url}/many`), limits());
    expect(many.response?.headers["x-many"]).toBe("a, b");
    const big = await sendRequest(get(`${server.url}/big`), limits({ timeoutMs: 5000 }));
    expect(big.error?.kind).toBe("oversize");
  });

  it("calls a body cut short of its declared length a reset", async () => {
    const server = await fake((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      res.write('{"a":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const cut = await sendRequest(get(`${server.url}/cut`), limits());
    expect(cut.error?.kind).toBe("reset");
  });

  it("sends a request once more when the kept-alive connection it went out on turns out closed, and only once", async () => {
    let served = 0;
    const mode = { closeReused: true };
    const server = await fake((req, res) => {
      // A second request on the same connection finds it closed, as when a server's keep-alive ran out.
      const socket = req.socket as typeof req.socket & { lisServed?: number };
      socket.lisServed = (socket.lisServed ?? 0) + 1;
      if (mode.closeReused && socket.lisServed > 1) return req.socket.destroy();
      served++;
      json(res, 200, { n: served });
    });
    expect((await sendRequest(get(`${server.url}/one`), limits())).response?.status).toBe(200);
    const again = await sendRequest(get(`${server.url}/two`), limits());
    expect(again.error).toBeUndefined();
    expect(again.response?.json).toEqual({ n: 2 });
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/one", "/v1/two", "/v1/two"]);

    // Two idle pooled connections, both closed by the server: the retry must not go out on the other one.
    const pair = await fake((req, res) => {
      const socket = req.socket as typeof req.socket & { lisServed?: number };
      socket.lisServed = (socket.lisServed ?? 0) + 1;
      if (socket.lisServed > 1) return req.socket.destroy();
      setTimeout(() => json(res, 200, { ok: true }), 30);
    });
    await Promise.all([sendRequest(get(`${pair.url}/a`), limits()), sendRequest(get(`${pair.url}/b`), limits())]);
    const third = await sendRequest(get(`${pair.url}/c`), limits());
    expect(third.error).toBeUndefined();
    expect(third.response?.status).toBe(200);

    const always = await fake((req) => req.socket.destroy());
    const reset = await sendRequest(get(`${always.url}/x`), limits());
    expect(reset.error?.kind).toBe("reset");
    expect(always.requests).toHaveLength(1); // a fresh connection: no retry
  });

  it("sends a POST a second time only when mayResend says the target still answers: it may have received it, or died on it", async () => {
    const server = await fake((req, res) => {
      const socket = req.socket as typeof req.socket & { lisServed?: number };
      socket.lisServed = (socket.lisServed ?? 0) + 1;
      if (socket.lisServed > 1) return req.socket.destroy();
      json(res, 200, { ok: true });
    });
    const post = { method: "POST", url: `${server.url}/chat/completions`, headers: { "content-type": "application/json" }, body: "{}" };
    expect((await sendRequest(post, limits())).response?.status).toBe(200);
    // Reused connection closed: without mayResend, the POST is not sent again.
    expect((await sendRequest(post, limits())).error?.kind).toBe("reset");
    expect(server.requests).toHaveLength(2);
    expect((await sendRequest(post, limits())).response?.status).toBe(200); // a fresh connection
    let asked = 0;
    const refused = await sendRequest(post, limits({ mayResend: async () => (asked++, false) }));
    expect([refused.error?.kind, asked, server.requests.length]).toEqual(["reset", 1, 4]);
    expect((await sendRequest(post, limits())).response?.status).toBe(200);
    const resent = await sendRequest(post, limits({ mayResend: async () => true }));
    expect(resent.response?.status).toBe(200);
    expect(server.requests).toHaveLength(7);
  });

  it("cuts a line or event over its cap, a JSON body too deep or too wide, and a gzip bomb, each as soon as it is seen", async () => {
    const server = await fake((req, res) => {
      if (req.url === "/v1/line") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("data: ");
        const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write("a".repeat(4096))), 1);
        return res.on("close", () => clearInterval(t));
      }
      if (req.url === "/v1/deep") return json(res, 200, JSON.parse("[".repeat(65) + "]".repeat(65)));
      if (req.url === "/v1/deep-event") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        return res.end(`data: ${"[".repeat(70)}${"]".repeat(70)}\n\n`);
      }
      if (req.url === "/v1/wide") return json(res, 200, Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, 0])));
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const member = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
      for (let i = 0; i < 256; i++) res.write(member);
      res.end();
    });
    const line = await sendRequest(get(`${server.url}/line`), limits({ maxBodyBytes: 64 * 1024 * 1024, stream: { maxEventChars: 100_000 } }));
    expect(line.error).toEqual({ kind: "stream-cap", message: "the stream sent a line longer than 100000 characters" });
    expect((await sendRequest(get(`${server.url}/deep`), limits())).error).toEqual({ kind: "json-limit", message: "the response is nested deeper than 64 levels (--max-depth)" });
    expect((await sendRequest(get(`${server.url}/deep`), limits({ maxDepth: 65 }))).response?.json).toBeDefined();
    expect((await sendRequest(get(`${server.url}/deep-event`), limits())).error?.kind).toBe("json-limit");
    expect((await sendRequest(get(`${server.url}/wide`), limits({ maxBodyBytes: 8 * 1024 * 1024 }))).error).toEqual({ kind: "json-limit", message: "the response has more than 100000 object members" });
    expect((await sendRequest(get(`${server.url}/bomb`), limits({ maxBodyBytes: 1024 * 1024 }))).error?.kind).toBe("oversize");
  });
});
