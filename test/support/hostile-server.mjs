// A server that misbehaves in one of 18 ways that real and hostile servers do, for the hostile-server
// tests (test/conformance/hostile.test.ts) and the memory benchmark (bench/memory.mjs). Plain JavaScript
// so that both can load it: the tests through vitest, the benchmark with bare node.
//
// `scope: "all"` misbehaves on every path; `scope: "cases"` answers GET /models (a list naming `model`)
// and the discovery path (404, as a server without discovery does) normally, so that the pre-flight passes
// and the runner's per-case defences are what is reached. Each server also runs an "elsewhere" server on
// another port, i.e. another origin, that the redirect behaviour points at: it records every request
// that reaches it, and none ever should.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

/** @typedef {"all" | "cases"} Scope */

/** The behaviours, each with one line saying what it does. */
export const BEHAVIOURS = {
  "hang-before-headers": "accepts the request and never answers",
  "hang-mid-body": "sends the headers and part of a JSON body, then nothing",
  "slow-drip": "sends a JSON body one byte every 200 ms, forever",
  "infinite-stream": "an event stream of chat chunks that never ends",
  "huge-json": "a JSON body that never ends (chunked)",
  "huge-sse-line": "an event stream whose first line never ends",
  "gzip-bomb": "a gzip body of 1 KiB per MiB that inflates to 256 MiB",
  "deep-json": "2 MB of nested arrays (a million levels)",
  "many-keys": "a 7.5 MB JSON object with half a million distinct keys",
  "reset-mid-stream": "starts an event stream, then resets the connection (TCP RST)",
  "redirect-off-host": "307 to the same path on another origin",
  "redirect-loop": "302 to itself",
  "wrong-content-length": "declares 20 bytes of body and sends 300 on a kept-alive connection",
  garbage: "answers with bytes that are not HTTP",
  "status-999": "status 999 with a JSON body",
  "header-flood": "a megabyte of response headers",
  "invalid-utf8": "a JSON body with bytes that are not UTF-8",
  crash: "dies (stops listening, drops every connection): on the first request, or with scope cases on the first POST",
};

const memo = new Map();
/** Payloads built once per process: building them per request would make the test server the bottleneck. */
const payload = (name, build) => {
  if (!memo.has(name)) memo.set(name, build());
  return memo.get(name);
};
const deepJson = (levels) => payload(`deep-${levels}`, () => Buffer.from("[".repeat(levels) + "]".repeat(levels)));
const manyKeys = () =>
  payload("keys", () => {
    const parts = [];
    for (let i = 0, size = 2; size < 7.5 * 1024 * 1024; i++) {
      const part = `"key-${i}":${i}`;
      parts.push(part);
      size += part.length + 1;
    }
    return Buffer.from(`{${parts.join(",")}}`);
  });
// 4 MiB of zeros compress to about 4 KiB; 64 gzip members back to back are one valid gzip body of 256 MiB.
const gzipMember = () => payload("gzip", () => gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20)));
const FILLER = Buffer.alloc(64 * 1024, "a");
const CHUNK = Buffer.from(`data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "x" }, finish_reason: null }] })}\n\n`.repeat(200));

/** Writes `piece` until the client goes away, respecting back-pressure (never buffers without bound). */
function endless(res, piece) {
  const pump = () => {
    while (!res.destroyed && res.write(piece));
  };
  res.on("drain", pump);
  pump();
}

function misbehave(behaviour, req, res, state) {
  const socket = req.socket;
  switch (behaviour) {
    case "hang-before-headers":
      return;
    case "hang-mid-body":
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"object":"list","data":[');
      return;
    case "slow-drip": {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 200);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "infinite-stream":
      res.writeHead(200, { "content-type": "text/event-stream" });
      return endless(res, CHUNK);
    case "huge-json":
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"object":"list","data":["');
      return endless(res, FILLER);
    case "huge-sse-line":
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: ");
      return endless(res, FILLER);
    case "gzip-bomb": {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const member = gzipMember();
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < 64) if (!res.write(member) || ++sent >= 64) break;
        if (sent >= 64 && !res.destroyed) res.end();
      };
      res.on("drain", pump);
      return pump();
    }
    case "deep-json": {
      const body = deepJson(state.deepLevels);
      res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
      return res.end(body);
    }
    case "many-keys":
      res.writeHead(200, { "content-type": "application/json", "content-length": String(manyKeys().length) });
      return res.end(manyKeys());
    case "reset-mid-stream":
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(CHUNK.subarray(0, 400));
      return setTimeout(() => socket.resetAndDestroy(), 20);
    case "redirect-off-host":
      res.writeHead(307, { location: `${state.elsewhere}${req.url}`, "content-length": "0" });
      return res.end();
    case "redirect-loop":
      res.writeHead(302, { location: req.url, "content-length": "0" });
      return res.end();
    case "wrong-content-length":
      return socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\nConnection: keep-alive\r\n\r\n${JSON.stringify({ object: "list", data: [], pad: "p".repeat(250) })}`);
    case "garbage":
      socket.write(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)));
      return socket.destroy();
    case "status-999":
      res.writeHead(999, { "content-type": "application/json" });
      return res.end(JSON.stringify({ object: "list", data: [] }));
    case "header-flood": {
      const lines = Array.from({ length: 16_000 }, (_, i) => `X-Flood-${i}: ${"v".repeat(50)}\r\n`).join("");
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${lines}Content-Length: 2\r\n\r\n{}`);
      return socket.destroy();
    }
    case "invalid-utf8":
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(Buffer.concat([Buffer.from('{"object":"list","data":[],"note":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]));
    case "crash":
      if (state.scope === "cases" && req.method !== "POST") return normal(req, res, state);
      return state.crash();
    default:
      throw new Error(`unknown behaviour ${behaviour}`);
  }
}

function normal(req, res, state) {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const send = (status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  if (path === "/v1/models") return send(200, { object: "list", data: [{ id: state.model, object: "model", created: 1700000000, owned_by: "hostile" }] });
  send(404, { error: { message: "not found", type: "invalid_request_error", param: null, code: "not_found" } });
}

/**
 * Starts a hostile server on 127.0.0.1 (a free port, or `port`). `requests` counts what reached it;
 * `elsewhere.requests` what reached the other origin (with its Authorization header, if any).
 * `deepLevels` sets the nesting of deep-json (default a million levels, 2 MB).
 * @param {{ behaviour: keyof typeof BEHAVIOURS, scope: Scope, model?: string, port?: number, deepLevels?: number }} options
 */
export async function startHostile({ behaviour, scope, model = "m", port = 0, deepLevels = 1_000_000 }) {
  if (!(behaviour in BEHAVIOURS)) throw new Error(`unknown behaviour ${behaviour}; known: ${Object.keys(BEHAVIOURS).join(", ")}`);
  const sockets = new Set();
  const elsewhereRequests = [];
  const elsewhere = createServer((req, res) => {
    elsewhereRequests.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  const state = {
    model,
    scope,
    deepLevels,
    elsewhere: `http://127.0.0.1:${elsewhere.address().port}`,
    requests: 0,
    crashed: false,
    crash: () => {
      state.crashed = true;
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
  const server = createServer((req, res) => {
    state.requests++;
    // Bodies are read (and dropped) so that a client's large request never stalls on back-pressure.
    req.resume();
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const probe = req.method === "GET" && (path === "/v1/models" || path === "/v1/.well-known/lis");
      if (scope === "cases" && probe) normal(req, res, state);
      else misbehave(behaviour, req, res, state);
    });
  });
  // Node's own limits would cut some behaviours short on our side: let the client meet them.
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  server.keepAliveTimeout = 60_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}/v1`,
    origin,
    elsewhere: { origin: state.elsewhere, requests: elsewhereRequests },
    get requests() {
      return state.requests;
    },
    get crashed() {
      return state.crashed;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => server.close(() => r())), new Promise((r) => { elsewhere.closeAllConnections(); elsewhere.close(() => r()); })]);
    },
  };
}
