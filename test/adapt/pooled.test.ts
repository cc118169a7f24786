// The proxy's upstream client (tools/http/pooled.ts) on its own: the defences it shares with the runner's
// HTTP edge (caps, timeouts, codings, the rule for sending a POST twice), and how a stream is handed over.
// The proxy's behaviour built on it (502/504, STREAM-018, back-pressure) is in proxy.test.ts.
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PooledClient, type PooledLimits, type PooledRequest } from "../../tools/http/pooled.js";
import { fakesClosedAfterEach, json } from "../conformance/fake-server.js";

const { fake, closeAfterTest } = fakesClosedAfterEach();
const limits = (more: Partial<PooledLimits> = {}): PooledLimits => ({ timeoutMs: 2000, maxBodyBytes: 64 * 1024, ...more });
const get = (path: string, headers: Record<string, string> = {}): PooledRequest => ({ method: "GET", path, headers });
const post = (path: string): PooledRequest => ({ method: "POST", path, headers: { "content-type": "application/json" }, body: "{}" });

function clientFor(origin: string): PooledClient {
  const c = new PooledClient(origin);
  closeAfterTest(c);
  return c;
}

describe("PooledClient.send", () => {
  it("sends the headers and body given, and reads the answer: status, headers, text, parsed JSON", async () => {
    const server = await fake((_req, res) => {
      res.setHeader("x-twice", ["a", "b"]);
      json(res, 201, { ok: true });
    });
    const c = clientFor(server.origin);
    const { response } = await c.send({ method: "POST", path: "/v1/chat/completions", headers: { "content-type": "application/json", "x-request-id": "r1" }, body: '{"é":1}' }, limits());
    expect(response).toMatchObject({ status: 201, json: { ok: true }, bodyText: '{"ok":true}' });
    expect(response?.headers["x-twice"]).toBe("a, b");
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: '{"é":1}' });
    expect(server.requests[0].headers).toMatchObject({ "x-request-id": "r1", "content-length": "8" });
  });

  it("decodes gzip, deflate and br answers, also when it asked for none", async () => {
    const body = JSON.stringify({ object: "list", data: ["x".repeat(1000)] });
    const server = await fake((req, res) => {
      const [coding, bytes] = ({ "/v1/gzip": ["gzip", gzipSync(body)], "/v1/deflate": ["deflate", deflateSync(body)], "/v1/br": ["br", brotliCompressSync(body)] } as Record<string, [string, Buffer]>)[req.url ?? ""];
      res.writeHead(200, { "content-type": "application/json", "content-encoding": coding, "content-length": bytes.length }).end(bytes);
    });
    const c = clientFor(server.origin);
    for (const path of ["/v1/gzip", "/v1/deflate", "/v1/br"]) {
      const { response } = await c.send(get(path, { "accept-encoding": "identity" }), limits());
      expect(response?.json, path).toEqual(JSON.parse(body));
    }
  });

  it("cuts an answer over the size cap (declared or sent), a JSON body nested too deep, and a gzip bomb", async () => {
    const server = await fake((req, res) => {
      if (req.url === "/v1/declared") return json(res, 200, { data: "x".repeat(70_000) });
      if (req.url === "/v1/chunked") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"data":"');
        const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write("x".repeat(4096))), 1);
        return res.on("close", () => clearInterval(t));
      }
      if (req.url === "/v1/deep") return json(res, 200, JSON.parse("[".repeat(65) + "]".repeat(65)));
      const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 32));
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length }).end(bomb);
    });
    const c = clientFor(server.origin);
    expect((await c.send(get("/v1/declared"), limits())).error?.kind).toBe("oversize");
    expect((await c.send(get("/v1/chunked"), limits())).error?.kind).toBe("oversize");
    expect((await c.send(get("/v1/deep"), limits())).error).toMatchObject({ kind: "json-limit", message: expect.stringContaining("64") });
    expect((await c.send(get("/v1/bomb"), limits())).error?.kind).toBe("oversize");
  });

  it("gives up on an answer that does not come whole within the timeout", async () => {
    const server = await fake((req, res) => {
      if (req.url === "/v1/drip") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
        return;
      }
      // no answer at all
    });
    const c = clientFor(server.origin);
    const t0 = performance.now();
    expect((await c.send(get("/v1/hang"), limits({ timeoutMs: 200 }))).error).toMatchObject({ kind: "timeout" });
    expect((await c.send(get("/v1/drip"), limits({ timeoutMs: 200 }))).error).toMatchObject({ kind: "timeout" });
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("an upstream that is not there: a connect error, never an exception", async () => {
    const server = await fake(() => undefined);
    const origin = server.origin;
    await server.close();
    const c = clientFor(origin);
    expect((await c.send(get("/v1/models"), limits())).error).toMatchObject({ kind: "connect", message: expect.stringContaining("cannot connect") });
  });

  it("sends a POST a second time only when mayResend says the upstream still answers; a GET goes again unasked", async () => {
    // Each connection serves one request; the next one on it is met with a closed connection.
    const server = await fake((req, res) => {
      const socket = req.socket as typeof req.socket & { lisServed?: number };
      socket.lisServed = (socket.lisServed ?? 0) + 1;
      if (socket.lisServed > 1) return req.socket.destroy();
      json(res, 200, { ok: true });
    });
    const c = clientFor(server.origin);
    // The pool takes a connection back once it has drained: a moment after the answer.
    const settled = () => new Promise((r) => setTimeout(r, 20));
    expect((await c.send(post("/v1/chat/completions"), limits())).response?.status).toBe(200);
    await settled();
    let asked = 0;
    const refused = await c.send(post("/v1/chat/completions"), limits({ mayResend: async () => (asked++, false) }));
    expect([refused.error?.kind, asked, server.requests.length]).toEqual(["reset", 1, 2]);
    const withoutAsking = await c.send(post("/v1/chat/completions"), limits());
    expect(withoutAsking.response?.status).toBe(200); // the pool's connection was gone: a fresh one
    await settled();
    const resent = await c.send(post("/v1/chat/completions"), limits({ mayResend: async () => true }));
    expect(resent.response?.status).toBe(200);
    expect(server.requests).toHaveLength(5);
    expect((await c.send(post("/v1/chat/completions"), limits())).response?.status).toBe(200);
    await settled();
    const again = await c.send(get("/v1/models"), limits({ mayResend: async () => expect.unreachable("a GET is resent unasked") }));
    expect(again.response?.status).toBe(200);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST", "POST", "POST", "POST", "POST", "GET", "GET"]);
  });
});

describe("PooledClient.open", () => {
  it("hands a stream over piece by piece, as it arrives", async () => {
    const server = await fake((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: 1\n\n");
      setTimeout(() => res.end("data: [DONE]\n\n"), 100);
    });
    const c = clientFor(server.origin);
    const { response } = await c.open(post("/v1/chat/completions"), { timeoutMs: 2000, idleTimeoutMs: 2000, maxBodyBytes: 1 << 20 });
    expect(response?.headers["content-type"]).toBe("text/event-stream");
    const pieces: string[] = [];
    const t0 = performance.now();
    const at: number[] = [];
    for await (const piece of response!.body) {
      pieces.push(piece.toString());
      at.push(performance.now() - t0);
    }
    expect(pieces.join("")).toBe("data: 1\n\ndata: [DONE]\n\n");
    expect(at[0]).toBeLessThan(at[at.length - 1]); // the first piece came before the end
    expect(response!.failure()).toBeUndefined();
  });

  it("ends the body and says why when the stream stalls past the idle timeout, goes over the cap, or is closed", async () => {
    const server = await fake((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: 1\n\n");
      if (req.url === "/v1/big") {
        const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(`data: ${"x".repeat(4096)}\n\n`)), 1);
        res.on("close", () => clearInterval(t));
      }
    });
    const c = clientFor(server.origin);
    const read = async (path: string, idleTimeoutMs: number, closeAfterFirst = false) => {
      const { response } = await c.open(post(path), { timeoutMs: 2000, idleTimeoutMs, maxBodyBytes: 64 * 1024 });
      for await (const _ of response!.body) if (closeAfterFirst) response!.close();
      return response!.failure();
    };
    expect(await read("/v1/stall", 200)).toMatchObject({ kind: "timeout", message: expect.stringContaining("stalled") });
    expect(await read("/v1/big", 5000)).toMatchObject({ kind: "oversize" });
    expect(await read("/v1/stall", 5000, true)).toMatchObject({ kind: "reset", message: "closed by the reader" });
  });
});
