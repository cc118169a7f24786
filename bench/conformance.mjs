#!/usr/bin/env node
// Benchmarks `lis conformance`: the full suite's wall time against the reference server, beside replaying
// exactly the same HTTP requests with bare fetch at the same concurrency (each case's requests in order,
// bodies read in full). The ratio is the runner's overhead: loading, templating, judging, schema checks,
// reports. Target: ≤ 1.3. Both sides run against one reference server started here, alternating, and the
// median of --runs rounds is compared.
//
//   npx tsc -p . && node bench/conformance.mjs [--runs 5] [--concurrency 4]
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", "5"));
const concurrency = Number(option("--concurrency", "4"));
const dist = (p) => pathToFileURL(join(root, "dist", "tools", p)).href;
if (!existsSync(join(root, "dist", "tools", "cli.js"))) {
  console.error("build first: npx tsc -p .");
  process.exit(2);
}
const { startServer } = await import(dist("serve/server.js"));
const { runConformance, loadSuite } = await import(dist("conformance/conformance.js"));

const apiKey = "lis-bench-key-0123456789";
const server = await startServer({ port: 0, apiKey });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One full run: loading and checking the case files, running, judging, building the report. */
async function suite(record, loaded) {
  const t0 = performance.now();
  const { report } = await runConformance({ baseUrl: server.url, model: "lis-tiny", apiKey, concurrency, onRequest: record, suite: loaded });
  return { ms: performance.now() - t0, report };
}

/** The same requests, grouped by case and in order, sent with fetch by the same number of workers. */
async function replay(byCase) {
  const cases = [...byCase.values()];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < cases.length) {
      for (const r of cases[next++]) {
        const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" });
        await res.arrayBuffer();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

try {
  const byCase = new Map();
  const first = await suite((id, req) => byCase.set(id, [...(byCase.get(id) ?? []), req]));
  const requests = [...byCase.values()].reduce((n, l) => n + l.length, 0);
  const loaded = loadSuite({});
  const suiteTimes = [];
  const runTimes = [];
  const replayTimes = [];
  for (let i = 0; i < runs; i++) {
    suiteTimes.push((await suite()).ms);
    runTimes.push((await suite(undefined, loaded)).ms);
    replayTimes.push(await replay(byCase));
  }
  const s = median(suiteTimes);
  const w = median(runTimes);
  const r = median(replayTimes);
  const c = first.report.summary.cases;
  console.log(`lis conformance: ${c.total} cases, ${requests} requests, concurrency ${concurrency}, ${runs} rounds (median)`);
  console.log(`  full suite (load, run, judge, report)  ${s.toFixed(0).padStart(7)} ms`);
  console.log(`  bare fetch replay of the same requests  ${r.toFixed(0).padStart(7)} ms`);
  console.log(`  the same, case files already loaded      ${w.toFixed(0).padStart(7)} ms`);
  console.log(`  overhead ratio, full suite              ${(s / r).toFixed(2).padStart(7)}  (target ≤ 1.30)`);
  console.log(`  overhead ratio, run and judge only      ${(w / r).toFixed(2).padStart(7)}`);
  console.log(`  (load average ${(await import("node:os")).loadavg()[0].toFixed(1)} on ${(await import("node:os")).cpus().length} CPUs: ratios are noisy on a busy machine)`);
} finally {
  await server.close();
}
