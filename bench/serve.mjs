// Throughput of `lis serve` beside a bare node:http server that returns fixed bytes, measured side by
// side with autocannon on loopback (5 s per run). The ratios are the figures; absolute numbers depend on
// the machine. Run: npx tsc -p . && node bench/serve.mjs   (LIS_BENCH_SECONDS=N to change the duration)
import { createServer } from "node:http";
import autocannon from "autocannon";
import { startServer } from "../dist/tools/serve/server.js";

const SECONDS = Number(process.env.LIS_BENCH_SECONDS ?? 5);
const STREAM_TOKENS = 256;

const lis = await startServer({ port: 0 });
const post = async (body) =>
  (await fetch(`${lis.url}/chat/completions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })).text();

const chatBody = { model: "lis-tiny", messages: [{ role: "user", content: "Tell me a fable." }], max_tokens: 16, seed: 1 };
// The stream cannot end early: every token but </s> is possible, and </s> is biased away (id 2).
const streamBody = { ...chatBody, max_tokens: STREAM_TOKENS, stream: true, logit_bias: { 2: -100 } };

// The bare server answers with the very bytes lis serve sent, so both move the same payload.
const fixed = {
  "/v1/models": { type: "application/json", body: await (await fetch(`${lis.url}/models`)).text() },
  "/v1/chat/completions": { type: "application/json", body: await post(chatBody) },
  "/v1/stream": { type: "text/event-stream", body: await post(streamBody) },
};
const streamTokens = fixed["/v1/stream"].body.split("\n\n").filter((e) => e.includes('"content":"') && !e.includes('"role"')).length;
const bare = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const f = fixed[req.url] ?? fixed["/v1/models"];
    res.writeHead(200, { "Content-Type": f.type, "Content-Length": Buffer.byteLength(f.body) });
    res.end(f.body);
  });
});
await new Promise((resolve) => bare.listen(0, "127.0.0.1", resolve));
const bareUrl = `http://127.0.0.1:${bare.address().port}/v1`;

const run = (url, method = "GET", body) =>
  autocannon({ url, method, body: body && JSON.stringify(body), headers: { "content-type": "application/json" }, connections: 16, duration: SECONDS });

const rows = [];
for (const [name, path, method, body, bodyForBare, perRequest] of [
  ["GET /models", "/models", "GET", undefined, undefined, 1],
  ["POST /chat/completions (16 tokens)", "/chat/completions", "POST", chatBody, chatBody, 1],
  [`streamed chat (${streamTokens} tokens)`, "/chat/completions", "POST", streamBody, streamBody, streamTokens],
]) {
  const a = await run(lis.url + path, method, body);
  const b = await run(bareUrl + (perRequest > 1 ? "/stream" : path), method, bodyForBare);
  if (a.non2xx > 0 || a.errors > 0) throw new Error(`${name}: lis serve answered ${a.non2xx} non-2xx, ${a.errors} errors`);
  rows.push({ name, lis: a.requests.average * perRequest, bare: b.requests.average * perRequest, unit: perRequest > 1 ? "tokens/s" : "req/s" });
}

console.log(`lis serve vs bare node:http, ${SECONDS} s each, 16 connections, loopback (node ${process.version})`);
for (const r of rows) {
  console.log(`${r.name.padEnd(38)} lis ${r.lis.toFixed(0).padStart(8)} ${r.unit.padEnd(8)}  bare ${r.bare.toFixed(0).padStart(8)} ${r.unit.padEnd(8)}  ratio ${(r.lis / r.bare).toFixed(3)}`);
}
await lis.close();
bare.close();
