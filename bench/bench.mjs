// lis bench's own limits (issue 14): the most streamed tokens per second its load generator takes in from
// `lis serve --latency 0` on this machine, side by side with a bare node:http SSE client doing the same
// (bench/bare-sse-client.mjs), and the client CPU each spends per 1,000 tokens. Server and clients run as
// separate processes, in alternating rounds; the medians are printed. Target: ratio >= 0.8.
// Run: npm run build && node bench/bench.mjs   (LIS_BENCH_ROUNDS, LIS_BENCH_REQUESTS, LIS_BENCH_CONCURRENCY)
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "tools", "cli.js");
const ROUNDS = Number(process.env.LIS_BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.LIS_BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.LIS_BENCH_CONCURRENCY ?? 32);
const OUTPUT_TOKENS = 256;

const server = spawn(process.execPath, [CLI, "serve", "--port", "0", "--latency", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const baseUrl = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = /listening on (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  server.once("exit", (code) => reject(new Error(`lis serve exited ${code}`)));
});
const tmp = mkdtempSync(join(tmpdir(), "lis-bench-bench-"));

function generator() {
  const out = join(tmp, "report.json");
  const r = spawnSync(process.execPath, [CLI, "bench", "--base-url", baseUrl, "--model", "lis-tiny", "--concurrency", String(CONCURRENCY), "--requests", String(REQUESTS), "--warmup", "0", "--input-tokens", "8", "--output-tokens", String(OUTPUT_TOKENS), "--ignore-eos", "--report", `json=${out}`], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`lis bench exited ${r.status}: ${r.stderr}`);
  const p = JSON.parse(readFileSync(out, "utf8")).points[0];
  const tokens = p.tokens.output.mean * p.tokens.output.count;
  return { tokensPerS: p.throughput.output_tokens_per_s, cpuPer1000: p.client.cpu_ms / (tokens / 1000) };
}

function bare() {
  const r = spawnSync(process.execPath, [join(ROOT, "bench", "bare-sse-client.mjs"), baseUrl, String(CONCURRENCY), String(REQUESTS), String(OUTPUT_TOKENS)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bare client exited ${r.status}: ${r.stderr}`);
  const m = JSON.parse(r.stdout);
  return { tokensPerS: m.tokens / (m.windowMs / 1000), cpuPer1000: m.cpuMs / (m.tokens / 1000) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const g = [];
const b = [];
try {
  bare(); // one unmeasured round each: the server's code is compiled, its connections warm
  generator();
  for (let i = 0; i < ROUNDS; i++) {
    g.push(generator());
    b.push(bare());
  }
} finally {
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
const gt = median(g.map((x) => x.tokensPerS));
const bt = median(b.map((x) => x.tokensPerS));
console.log(`lis bench's load generator vs a bare node:http SSE client, from lis serve --latency 0 (node ${process.version})`);
console.log(`${ROUNDS} alternating rounds of ${REQUESTS} streamed requests x ${OUTPUT_TOKENS} tokens at concurrency ${CONCURRENCY}; medians`);
console.log(`streamed tokens/s taken in   lis bench ${gt.toFixed(0).padStart(8)}   bare ${bt.toFixed(0).padStart(8)}   ratio ${(gt / bt).toFixed(3)} (target >= 0.8)`);
console.log(`client CPU per 1,000 tokens  lis bench ${median(g.map((x) => x.cpuPer1000)).toFixed(2).padStart(6)} ms  bare ${median(b.map((x) => x.cpuPer1000)).toFixed(2).padStart(6)} ms`);
