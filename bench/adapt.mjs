// The overhead of `lis adapt`: the same load against `lis serve` directly and through `lis adapt` in front
// of it, side by side in one run, each server a process of its own as in a deployment (autocannon on
// loopback, 16 connections). Then the latency the proxy adds to each streamed event: a stub upstream in
// this process stamps every event with the time it is written, and the client, in this process too, takes
// the time each arrives, directly and through the proxy; the figures are the differences of the
// percentiles. Targets (issue 15): >= 0.8x the direct throughput, < 1 ms added at p99 per event.
// Run: npm run build && node bench/adapt.mjs   (LIS_BENCH_SECONDS=N to change the duration per run)
import { spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.env.LIS_BENCH_SECONDS ?? 5);
const STREAM_TOKENS = 256;
// 16 by default, as bench/serve.mjs; LIS_BENCH_CONNECTIONS=1 measures what one client waits for instead of what the machine can do.
const CONNECTIONS = Number(process.env.LIS_BENCH_CONNECTIONS ?? 16);
const EVENTS = 2000;
const EVENT_EVERY_MS = 1;
const CLI = fileURLToPath(new URL("../dist/tools/cli.js", import.meta.url));

/** Starts `lis <args>` and resolves with the base URL it prints. */
function start(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+\/v1)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`lis ${args[0]} exited (${code}) before listening: ${out}`)));
  });
}

const serve = await start(["serve", "--port", "0"]);
const adapt = await start(["adapt", "--upstream", serve.url, "--dialect", "openai", "--port", "0"]);

const chatBody = { model: "lis-tiny", messages: [{ role: "user", content: "Tell me a fable." }], max_tokens: 16, seed: 1 };
// The stream cannot end early: </s> (token id 2) is biased away.
const streamBody = { ...chatBody, max_tokens: STREAM_TOKENS, stream: true, logit_bias: { 2: -100 } };
const run = (url, method = "GET", body) =>
  autocannon({ url, method, body: body && JSON.stringify(body), headers: { "content-type": "application/json" }, connections: CONNECTIONS, duration: SECONDS });

const rows = [];
for (const [name, path, method, body, perRequest, unit] of [
  ["GET /models", "/models", "GET", undefined, 1, "req/s"],
  ["POST /chat/completions (16 tokens)", "/chat/completions", "POST", chatBody, 1, "req/s"],
  [`streamed chat (${STREAM_TOKENS} tokens)`, "/chat/completions", "POST", streamBody, STREAM_TOKENS, "tokens/s"],
]) {
  const direct = await run(serve.url + path, method, body);
  const through = await run(adapt.url + path, method, body);
  for (const [who, r] of [["lis serve", direct], ["lis adapt", through]]) {
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${who} answered ${r.non2xx} non-2xx, ${r.errors} errors`);
    if (process.env.LIS_BENCH_DEBUG) console.error(name, who, JSON.stringify({ total: r.requests.total, timeouts: r.timeouts, p50: r.latency.p50, p99: r.latency.p99 }));
  }
  rows.push({ name, direct: direct.requests.average * perRequest, through: through.requests.average * perRequest, unit });
}
adapt.stop();

// Per-event latency: a stub upstream that streams EVENTS chunks, each stamped with when it was written.
const stub = createServer((req, res) => {
  if (req.url === "/v1/models") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: "stub", object: "model", created: 1, owned_by: "bench" }] }));
    return;
  }
  req.resume();
  res.writeHead(200, { "content-type": "text/event-stream" });
  const head = { id: "chatcmpl-stub", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: "stub" };
  let i = 0;
  const tick = () => {
    if (i === EVENTS) {
      res.write(`data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta: {}, finish_reason: "length" }] })}\n\n`);
      res.end("data: [DONE]\n\n");
      return;
    }
    const content = `t${i++} `;
    // The stamp travels in the content itself, the one member every proxy must pass on unchanged.
    res.write(`data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta: { role: "assistant", content: `${content}@${performance.now()}` }, finish_reason: null }] })}\n\n`);
    setTimeout(tick, EVENT_EVERY_MS);
  };
  tick();
});
await new Promise((resolve) => stub.listen(0, "127.0.0.1", resolve));
const stubUrl = `http://127.0.0.1:${stub.address().port}/v1`;
const proxied = await start(["adapt", "--upstream", stubUrl, "--dialect", "openai", "--port", "0"]);

/** Streams once and returns, per event, arrival time minus the upstream's stamp (ms). */
function delays(base) {
  return new Promise((resolve, reject) => {
    const out = [];
    let buffer = "";
    const req = request(`${base}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (d) => {
        const now = performance.now();
        buffer += d;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const m = /@([0-9.]+)/.exec(event);
          if (m) out.push(now - Number(m[1]));
        }
      });
      res.on("end", () => resolve(out));
    });
    req.on("error", reject);
    req.end(JSON.stringify({ model: "stub", messages: [{ role: "user", content: "go" }], stream: true }));
  });
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
await delays(stubUrl); // warm-up of both paths
await delays(proxied.url);
const direct = await delays(stubUrl);
const through = await delays(proxied.url);
proxied.stop();
serve.stop();
stub.close();

console.log(`lis adapt in front of lis serve vs lis serve directly, ${SECONDS} s each, ${CONNECTIONS} connections, loopback, separate processes (node ${process.version})`);
// The proxy is a second process on the same machine: on a machine whose cores are all busy, it competes with
// the server for them, and the ratios say as much about the machine as about the proxy.
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (at the end of the run)`);
for (const r of rows) {
  console.log(`${r.name.padEnd(38)} direct ${r.direct.toFixed(0).padStart(8)} ${r.unit.padEnd(8)}  through adapt ${r.through.toFixed(0).padStart(8)} ${r.unit.padEnd(8)}  ratio ${(r.through / r.direct).toFixed(3)}  (target >= 0.8)`);
}
console.log(`latency per streamed event (${direct.length} and ${through.length} events, one every ${EVENT_EVERY_MS} ms):`);
for (const p of [50, 99]) {
  const added = pct(through, p) - pct(direct, p);
  console.log(`  p${p}: direct ${pct(direct, p).toFixed(3)} ms, through adapt ${pct(through, p).toFixed(3)} ms, added ${added.toFixed(3)} ms${p === 99 ? "  (target < 1 ms)" : ""}`);
}
