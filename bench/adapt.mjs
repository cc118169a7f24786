// The overhead of `lis adapt`: the same load against `lis serve` directly and through `lis adapt` in front
// of it, side by side in one run, each server a process of its own as in a deployment (autocannon on
// loopback, 16 connections). Then the latency the proxy adds to each streamed event: a stub upstream in
// this process stamps every event with the time it is written, and the client, in this process too, takes
// the time each arrives, directly and through the proxy; the figures are the differences of the
// percentiles. Targets (issue 15): >= 0.8x the direct throughput, < 1 ms added at p99 per event.
//
// How it is measured, and why:
//  - A proxy is a long-running process: each target gets a warm-up run before the measured ones (the first
//    seconds after start are V8 compiling the hot paths, which on a small machine compete with the servers).
//    The cold figures are printed too.
//  - The sides alternate within each round, and the median of the rounds' ratios is the figure (one run
//    each is at the mercy of whatever else the machine does at that moment).
//  - A bare relay (bench/bare-relay.mjs: parse and serialise only, no checks, no repairs) is measured the
//    same way: the floor for any Node.js proxy on this machine. lis adapt's gap to it is its own work; the
//    relay's gap to 1.0 is what a second HTTP hop costs here, where the client, the proxy and the server
//    share the machine's cores.
//  - On Linux, the CPU each process spends per request is read from /proc: the proxy's cost set beside the
//    server's, whatever the number of cores.
// Run: npm run build && node bench/adapt.mjs
//   LIS_BENCH_SECONDS=N (per run, default 4), LIS_BENCH_ROUNDS=N (default 3), LIS_BENCH_CONNECTIONS=N (16)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.env.LIS_BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.LIS_BENCH_ROUNDS ?? 3);
const STREAM_TOKENS = 256;
// 16 by default, as bench/serve.mjs; LIS_BENCH_CONNECTIONS=1 measures what one client waits for instead of what the machine can do.
const CONNECTIONS = Number(process.env.LIS_BENCH_CONNECTIONS ?? 16);
const EVENTS = 2000;
const EVENT_EVERY_MS = 1;
const LATENCY_WARMUP_STREAMS = 3;
const CLI = fileURLToPath(new URL("../dist/tools/cli.js", import.meta.url));
const RELAY = fileURLToPath(new URL("./bare-relay.mjs", import.meta.url));

/** Starts a node script and resolves with the base URL it prints. */
function start(script, args) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+\/v1)/.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`${script} ${args[0] ?? ""} exited (${code}) before listening: ${out}`)));
  });
}

/** CPU time (user + system) a process has used, in ms; undefined where /proc is not there. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const serve = await start(CLI, ["serve", "--port", "0"]);
const adapt = await start(CLI, ["adapt", "--upstream", serve.url, "--dialect", "openai", "--port", "0"]);
const relay = await start(RELAY, [serve.url]);

const chatBody = { model: "lis-tiny", messages: [{ role: "user", content: "Tell me a fable." }], max_tokens: 16, seed: 1 };
// The stream cannot end early: </s> (token id 2) is biased away.
const streamBody = { ...chatBody, max_tokens: STREAM_TOKENS, stream: true, logit_bias: { 2: -100 } };

/** One load run against a target; the CPU it spent per request. */
async function run(target, name, path, method, body, seconds) {
  const before = cpuMs(target.pid);
  const r = await autocannon({ url: target.url + path, method, body: body && JSON.stringify(body), headers: { "content-type": "application/json" }, connections: CONNECTIONS, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${target === serve ? "lis serve" : target === adapt ? "lis adapt" : "bare relay"} answered ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rate: r.requests.average, cpu: before === undefined ? undefined : (cpuMs(target.pid) - before) / r.requests.total };
}

const rows = [];
for (const [name, path, method, body, perRequest, unit] of [
  ["GET /models", "/models", "GET", undefined, 1, "req/s"],
  ["POST /chat/completions (16 tokens)", "/chat/completions", "POST", chatBody, 1, "req/s"],
  [`streamed chat (${STREAM_TOKENS} tokens)`, "/chat/completions", "POST", streamBody, STREAM_TOKENS, "tokens/s"],
]) {
  const cold = {};
  for (const t of [serve, adapt, relay]) cold[t.url] = await run(t, name, path, method, body, 2);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternating order: no side always runs first after a pause.
    const order = i % 2 === 0 ? [serve, adapt, relay] : [relay, adapt, serve];
    const got = {};
    for (const t of order) got[t.url] = await run(t, name, path, method, body, SECONDS);
    rounds.push({ direct: got[serve.url], adapt: got[adapt.url], relay: got[relay.url] });
  }
  rows.push({
    name,
    unit,
    direct: median(rounds.map((r) => r.direct.rate)) * perRequest,
    through: median(rounds.map((r) => r.adapt.rate)) * perRequest,
    ratio: median(rounds.map((r) => r.adapt.rate / r.direct.rate)),
    relayRatio: median(rounds.map((r) => r.relay.rate / r.direct.rate)),
    coldRatio: cold[adapt.url].rate / cold[serve.url].rate,
    cpu: rounds[0].direct.cpu === undefined ? undefined : { serve: median(rounds.map((r) => r.direct.cpu)), adapt: median(rounds.map((r) => r.adapt.cpu)), relay: median(rounds.map((r) => r.relay.cpu)) },
  });
}
adapt.stop();
relay.stop();

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
const proxied = await start(CLI, ["adapt", "--upstream", stubUrl, "--dialect", "openai", "--port", "0"]);

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
await delays(stubUrl); // warm-up of the stub and the client
const coldThrough = await delays(proxied.url);
const coldDirect = await delays(stubUrl);
for (let i = 1; i < LATENCY_WARMUP_STREAMS; i++) await delays(proxied.url);
const added = { 50: [], 99: [] };
const seen = { direct: { 50: [], 99: [] }, through: { 50: [], 99: [] } };
for (let i = 0; i < ROUNDS; i++) {
  const direct = await delays(stubUrl);
  const through = await delays(proxied.url);
  for (const p of [50, 99]) {
    added[p].push(pct(through, p) - pct(direct, p));
    seen.direct[p].push(pct(direct, p));
    seen.through[p].push(pct(through, p));
  }
}
proxied.stop();
serve.stop();
stub.close();

const f = (n, d = 0) => n.toFixed(d);
console.log(`lis adapt in front of lis serve vs lis serve directly: ${ROUNDS} rounds of ${SECONDS} s per side after a warm-up, ${CONNECTIONS} connections, loopback, separate processes (node ${process.version})`);
// The proxy is a second process on the same machine: on a machine whose cores are all busy, it competes with
// the server for them, and the ratios say as much about the machine as about the proxy.
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (at the end of the run)`);
for (const r of rows) {
  console.log(`${r.name.padEnd(38)} direct ${f(r.direct).padStart(8)} ${r.unit.padEnd(8)}  through adapt ${f(r.through).padStart(8)} ${r.unit.padEnd(8)}  ratio ${f(r.ratio, 3)}  (target >= 0.8: ${r.ratio >= 0.8 ? "met" : "NOT met"})`);
  // Where each process has a core of its own, the slower of the two single-threaded processes sets the pace:
  // the ratio of their CPU per request is the throughput ratio such a machine would see.
  const cpu = r.cpu ? `; CPU per request: lis serve ${f(r.cpu.serve, 3)} ms, lis adapt ${f(r.cpu.adapt, 3)} ms (a core each: ratio ${f(Math.min(1, r.cpu.serve / r.cpu.adapt), 3)}), bare relay ${f(r.cpu.relay, 3)} ms` : "";
  console.log(`${"".padEnd(38)} bare relay ratio ${f(r.relayRatio, 3)}; lis adapt cold (first 2 s after start) ${f(r.coldRatio, 3)}${cpu}`);
}
console.log(`latency per streamed event (${EVENTS} events a stream, one every ${EVENT_EVERY_MS} ms; median of ${ROUNDS} rounds after ${LATENCY_WARMUP_STREAMS} warm-up streams):`);
for (const p of [50, 99]) {
  const a = median(added[p]);
  console.log(`  p${p}: direct ${f(median(seen.direct[p]), 3)} ms, through adapt ${f(median(seen.through[p]), 3)} ms, added ${f(a, 3)} ms${p === 99 ? `  (target < 1 ms: ${a < 1 ? "met" : "NOT met"})` : ""}`);
}
console.log(`  cold (the proxy's first stream): added p50 ${f(pct(coldThrough, 50) - pct(coldDirect, 50), 3)} ms, p99 ${f(pct(coldThrough, 99) - pct(coldDirect, 99), 3)} ms`);
