// The eval client's requests (tools/eval/http.ts) go through the shared HTTP edge (tools/http/client.ts): what is
// retried, what is final, and what a failure says.
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, requestJson } from "../../tools/eval/http.js";
import { fakesClosedAfterEach, json } from "../conformance/fake-server.js";

const { fake } = fakesClosedAfterEach();
const policy = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 5, maxRetries: 2, timeoutMs: 300 };

describe("requestJson", () => {
  it("retries a reset connection and a timeout, and says which it was when retries run out", async () => {
    let n = 0;
    const flaky = await fake((req, res) => (n++ === 0 ? req.socket.destroy() : json(res, 200, { ok: true })));
    expect(await requestJson({ baseUrl: flaky.url, policy }, "POST", "/x", { a: 1 })).toEqual({ ok: true, value: { ok: true }, attempts: 2 });
    expect(flaky.requests[1].body).toBe('{"a":1}');
    expect(flaky.requests[1].headers["user-agent"]).toMatch(/^lis-eval\//);

    const silent = await fake(() => undefined);
    expect(await requestJson({ baseUrl: silent.url, policy }, "GET", "/x")).toEqual({ ok: false, error: "timed out after 300 ms", attempts: 3, transient: true });
  });

  it("does not retry an oversized answer or follow a redirect, and sends the key only where it was aimed", async () => {
    const big = await fake((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 32 * 1024 * 1024 });
      res.write("{");
    });
    const oversize = await requestJson({ baseUrl: big.url, policy }, "GET", "/x");
    expect(oversize).toMatchObject({ ok: false, attempts: 1, transient: false });
    expect(oversize.ok === false && oversize.error).toMatch(/exceeds the cap/);

    const elsewhere = await fake((_req, res) => json(res, 200, {}));
    const redirecting = await fake((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/x` });
      res.end();
    });
    expect(await requestJson({ baseUrl: redirecting.url, apiKey: "sk-secret", policy }, "GET", "/x")).toMatchObject({ ok: false, error: "HTTP 302", attempts: 1 });
    expect(redirecting.requests[0].headers.authorization).toBe("Bearer sk-secret");
    expect(elsewhere.requests).toHaveLength(0);
  });
});
