import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startAdapter, type RunningAdapter } from "../../tools/adapt/server.js";
import { completion, event, fakeUpstream, json } from "./fake-upstream.js";

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function proxy(upstream: string, options: Partial<Parameters<typeof startAdapter>[0]> = {}): Promise<RunningAdapter> {
  const a = await startAdapter({ upstream, dialect: "openai", port: 0, ...options });
  cleanups.push(() => a.close());
  return a;
}

async function upstreamWith(routes: Parameters<typeof fakeUpstream>[0]) {
  const u = await fakeUpstream(routes);
  cleanups.push(() => u.close());
  return u;
}

const chat = (base: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${base}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const hello = { model: "m", messages: [{ role: "user", content: "Hi" }] };

describe("lis adapt in front of an upstream that fails", () => {
  it("an upstream that is not there gives 502 with the LIS envelope", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const a = await proxy(`http://127.0.0.1:${port}/v1`);
    for (const r of [await fetch(`${a.url}/models`), await chat(a.url, hello)]) {
      expect(r.status).toBe(502);
      expect(await r.json()).toMatchObject({ error: { type: "server_error", param: null, code: "upstream_error", message: expect.stringContaining("cannot connect") } });
    }
  });

  it("an upstream that hangs gives 504 after --timeout", async () => {
    const u = await upstreamWith({ "POST /v1/chat/completions": () => undefined });
    const a = await proxy(u.url, { timeoutMs: 300 });
    const t0 = performance.now();
    const r = await chat(a.url, hello);
    expect(r.status).toBe(504);
    expect(await r.json()).toMatchObject({ error: { type: "server_error", code: "upstream_timeout" } });
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("an upstream that dies in the middle of a stream: the chunks so far, then one error event and no [DONE] (STREAM-018)", async () => {
    const u = await upstreamWith({
      "POST /v1/chat/completions": (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(event({ role: "assistant", content: "Hel" }));
        setTimeout(() => res.destroy(), 50);
      },
    });
    const a = await proxy(u.url);
    const text = await (await chat(a.url, { ...hello, stream: true })).text();
    const events = text.split("\n\n").filter(Boolean).map((e) => e.replace(/^data: /, ""));
    expect(JSON.parse(events[0]).choices[0].delta).toEqual({ role: "assistant", content: "Hel" });
    expect(JSON.parse(events[events.length - 1])).toMatchObject({ error: { type: "server_error", param: null } });
    expect(text).not.toContain("[DONE]");
  });

  it("an upstream that opens a stream with an error event: the error gets its status (STREAM-017)", async () => {
    const u = await upstreamWith({
      "POST /v1/chat/completions": (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(`data: ${JSON.stringify({ error: { message: "model is loading", type: "server_error", code: 503 } })}\n\n`);
      },
    });
    const a = await proxy(u.url);
    const r = await chat(a.url, { ...hello, stream: true });
    expect(r.status).toBe(502);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await r.json()).toMatchObject({ error: { message: "model is loading", type: "server_error" } });
  });
});

describe("what the proxy sends upstream", () => {
  it("never the client's key, unless told to (--forward-key); its own key when it has one", async () => {
    const u = await upstreamWith({ "POST /v1/chat/completions": (_q, res) => json(res, 200, completion("ok")) });
    const clientKey = "sk-client-0123456789abcdef";
    const plain = await proxy(u.url, { apiKey: clientKey });
    expect((await chat(plain.url, hello, { authorization: `Bearer ${clientKey}` })).status).toBe(200);
    const own = await proxy(u.url, { apiKey: clientKey, upstreamKey: "sk-upstream-key" });
    expect((await chat(own.url, hello, { authorization: `Bearer ${clientKey}` })).status).toBe(200);
    const forwarding = await proxy(u.url, { forwardKey: true });
    expect((await chat(forwarding.url, hello, { authorization: `Bearer ${clientKey}` })).status).toBe(200);
    const auth = u.seen.filter((s) => s.path === "/v1/chat/completions").map((s) => s.headers.authorization);
    expect(auth).toEqual([undefined, "Bearer sk-upstream-key", `Bearer ${clientKey}`]);
    // Nor anywhere else: no header the proxy sent upstream contains the client's key.
    for (const s of u.seen.slice(0, -1)) expect(JSON.stringify(s.headers)).not.toContain(clientKey);
  });

  it("a forwarded key that the upstream quotes back is redacted (HTTP-019)", async () => {
    const u = await upstreamWith({ "POST /v1/chat/completions": (req, res) => json(res, 401, { error: { message: `Invalid key ${String(req.headers.authorization)}`, type: "authentication_error", code: 401 } }) });
    const a = await proxy(u.url, { forwardKey: true });
    const r = await chat(a.url, hello, { authorization: "Bearer sk-client-0123456789abcdef" });
    expect(r.status).toBe(401);
    const text = await r.text();
    expect(text).not.toContain("0123456789");
    expect(JSON.parse(text)).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });
  });

  it("requires its own key from clients (HTTP-017)", async () => {
    const u = await upstreamWith({});
    const a = await proxy(u.url, { apiKey: "sk-proxy-key" });
    const r = await chat(a.url, hello);
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: { code: "invalid_api_key" } });
    expect(u.seen.filter((s) => s.path === "/v1/chat/completions")).toEqual([]);
  });

  it("fetches nothing a client names: an image URL is refused, and never requested", async () => {
    let hits = 0;
    const bait = createServer((_q, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((r) => bait.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => bait.close(() => r())));
    const imageUrl = `http://127.0.0.1:${(bait.address() as AddressInfo).port}/cat.png`;
    const u = await upstreamWith({ "POST /v1/chat/completions": (_q, res) => json(res, 200, completion("ok")) });
    const message = { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: imageUrl } }] };
    for (const profiles of [undefined, ["core", "multimodal"]]) {
      const a = await proxy(u.url, { profiles });
      const r = await chat(a.url, { model: "m", messages: [message] });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: { param: "messages[0].content[1]" + (profiles ? ".image_url.url" : ".type") } });
    }
    expect(hits).toBe(0);
    expect(u.seen.filter((s) => s.path === "/v1/chat/completions")).toEqual([]);
  });

  it("answers invalid requests itself: the upstream never sees them", async () => {
    const u = await upstreamWith({ "POST /v1/chat/completions": (_q, res) => json(res, 500, { error: { message: "boom", code: 500 } }) });
    const a = await proxy(u.url);
    for (const [body, status, param] of [
      [{ model: "m", messages: [] }, 400, "messages"],
      [{ model: "m", messages: [{ role: "robot", content: "x" }] }, 400, "messages[0].role"],
      [{ ...hello, temperature: 5 }, 400, "temperature"],
      [{ ...hello, frobnicate: true }, 400, "frobnicate"],
      [{ ...hello, model: "nope" }, 404, "model"],
    ] as const) {
      const r = await chat(a.url, body as Record<string, unknown>);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect((await r.json()).error.param).toBe(param);
    }
    expect(u.seen.filter((s) => s.path === "/v1/chat/completions")).toEqual([]);
  });
});

describe("streams are relayed event by event", () => {
  it("the client has the first event while the upstream has not finished", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const u = await upstreamWith({
      "POST /v1/chat/completions": async (_q, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(event({ role: "assistant", content: "first" }));
        await released;
        res.write(event({ content: " second" }, "stop"));
        res.end("data: [DONE]\n\n");
      },
    });
    const a = await proxy(u.url);
    const r = await chat(a.url, { ...hello, stream: true });
    const reader = r.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"content":"first"');
    release();
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toContain(" second");
    expect(rest.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("a client that does not read holds the upstream back (back-pressure), and one that leaves ends the upstream request", async () => {
    let accepted = 0;
    let blocked = false;
    let upstreamClosed = false;
    const piece = event({ content: "x".repeat(4000) });
    const u = await upstreamWith({
      "POST /v1/chat/completions": (_q, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.on("close", () => (upstreamClosed = true));
        res.write(event({ role: "assistant", content: "" }));
        const pump = () => {
          while (!res.destroyed && accepted < 64 * 1024 * 1024) {
            accepted += piece.length;
            if (!res.write(piece)) {
              blocked = true;
              res.once("drain", pump);
              return;
            }
          }
        };
        pump();
      },
    });
    const a = await proxy(u.url);
    // A raw client that reads the headers and then nothing.
    const req = request(`${a.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" } });
    const res = await new Promise<import("node:http").IncomingMessage>((resolve) => {
      req.on("response", resolve);
      req.end(JSON.stringify({ ...hello, stream: true }));
    });
    res.pause();
    await new Promise((r) => setTimeout(r, 1500));
    expect(blocked).toBe(true);
    // What the socket buffers hold, not the whole 64 MiB: the proxy read only as fast as it could write.
    expect(accepted).toBeLessThan(32 * 1024 * 1024);
    res.destroy();
    await new Promise((r) => setTimeout(r, 500));
    expect(upstreamClosed).toBe(true);
  });
});
