#!/usr/bin/env node
// Benchmarks `lis conformance`: the full suite's wall time against the reference server, beside replaying
// exactly the same HTTP requests with bare fetch at the same concurrency (each case's requests in order,
// bodies read in full). The ratio is the runner's overhead: loading, templating, judging, schema checks,
// reports. Target: ≤ 1.3.
//
// The runner sends its requests with node:http, which costs the client about half what fetch does per
// request; so the full suite is also set beside a bare node:http replay (same pool, bodies read in full).
// That ratio is the runner's own work with the transport's gain taken out, printed so the gain cannot hide it.
//
// One reference server, started here, serves both sides; the sides alternate within each round and the
// median of the --runs rounds' ratios is printed. Two pairs are measured:
//  - full suite: a fresh `node dist/tools/cli.js conformance --base-url …` process, i.e. what a user's run
//    costs (module loading, cold JIT, case files, schema compilation, run, judge, report), against a fresh
//    node process that replays the requests with bare fetch (it reads them from a file first: a few ms).
//    Both client processes run beside this one, which holds the server.
//  - run and judge only: in this process, with the case files already loaded and everything warm, against
//    a replay in this process. Here the server shares the client's thread, on both sides. The same with
//    the case files loaded each time is printed too (the figure this benchmark used to call "full": warm
//    JIT and validators compiled in earlier rounds, so it understates a user's run).
//
// A user's run starts from what the build precompiles (npm run build: the case suite and the YAML data files
// as JSON, the schema validators and the request schemas the cases send as code); the benchmark says whether
// those are fresh, since a stale one is silently rebuilt from source at every run (correct, but slow).
//
//   npm run build && node bench/conformance.mjs [--runs 5] [--concurrency 4]
import { spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const concurrency = Number(option("--concurrency", "4"));

/** One request with bare fetch, the body read in full. */
async function viaFetch(r) {
  const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" });
  await res.arrayBuffer();
}

/** One request with bare node:http on a keep-alive pool, the body read in full: the runner's own transport. */
const pool = new Agent({ keepAlive: true });
async function viaNodeHttp(r) {
  await new Promise((done, fail) => {
    const req = httpRequest(r.url, { method: r.method, headers: r.headers, agent: pool }, (res) => {
      res.on("data", () => {});
      res.on("end", done);
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end(r.body);
  });
}

/** Sends the requests of each case in order, `concurrency` cases at a time, reading every body in full. */
async function replay(cases, send = viaFetch) {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < cases.length) {
      for (const r of cases[next++]) await send(r);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

// The replaying child: `--replay-child DIR` reads the recorded requests and sends them.
if (args.includes("--replay-child")) {
  const dir = option("--replay-child");
  const blob = readFileSync(join(dir, "bodies.bin"));
  const cases = JSON.parse(readFileSync(join(dir, "requests.json"), "utf8")).map((list) =>
    list.map(({ body, ...r }) => ({ ...r, body: body ? blob.subarray(body[0], body[1]) : undefined })));
  await replay(cases, option("--transport") === "node-http" ? viaNodeHttp : viaFetch);
  process.exit(0);
}

const runs = Number(option("--runs", "5"));
const dist = (p) => pathToFileURL(join(root, "dist", "tools", p)).href;
if (!existsSync(join(root, "dist", "tools", "cli.js"))) {
  console.error("build first: npm run build");
  process.exit(2);
}
const { startServer } = await import(dist("serve/server.js"));
const { runConformance, loadSuite } = await import(dist("conformance/conformance.js"));
const { snapshotCases, snapshotPath, suiteCaseFiles, suiteLoadContext } = await import(dist("conformance/snapshot.js"));
const { usesPrecompiled } = await import(dist("validate/validators.js"));
const { runtimeCompiledSchemas } = await import(dist("conformance/checks/schema-compiler.js"));
const { runtimeParsedYaml } = await import(dist("conformance/yaml-data.js"));
const { loadClauses } = await import(dist("clauses/registry.js"));
const spec = "1.0";
const precompiled = {
  cases: snapshotCases(snapshotPath(spec), suiteCaseFiles(spec), suiteLoadContext(spec, loadClauses(spec))) !== undefined,
  validators: usesPrecompiled(spec),
};
if (!precompiled.cases || !precompiled.validators) console.error("warning: the build's precompiled case suite or validators are missing or stale; run npm run build first");

const apiKey = "lis-bench-key-0123456789";
const server = await startServer({ port: 0, apiKey });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// In this process each side starts from a collected heap, so that neither pays for the other's garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");

const work = mkdtempSync(join(tmpdir(), "lis-bench-conformance-"));
// Each child writes the CPU time it used when it exits: unlike wall time, barely moved by a busy machine.
// (In-process CPU time includes the server's, on both sides alike.)
const cpuHook = join(work, "cpu-hook.mjs");
writeFileSync(cpuHook, `import { writeFileSync } from "node:fs";
process.on("exit", () => { const u = process.cpuUsage(); writeFileSync(process.env.LIS_BENCH_CPU_OUT, String((u.user + u.system) / 1000)); });
`);

/** Wall and CPU time of a child node process, from spawn to exit; a failing child ends the benchmark. */
function timeProcess(argv, okCodes = [0]) {
  const cpuOut = join(work, "cpu.txt");
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", pathToFileURL(cpuHook).href, ...argv], { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LIS_BENCH_CPU_OUT: cpuOut } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("exit", (code) => (okCodes.includes(code) ? done({ wall: performance.now() - t0, cpu: Number(readFileSync(cpuOut, "utf8")) }) : fail(new Error(`${argv.join(" ")} exited ${code}: ${stderr}`))));
  });
}

try {
  // One run records every request as sent; its report's verdict tells the CLI runs' expected exit code.
  const byCase = new Map();
  const first = await runConformance({ baseUrl: server.url, model: "lis-tiny", apiKey, concurrency, onRequest: (id, req) => byCase.set(id, [...(byCase.get(id) ?? []), req]) });
  // What the first run had to compile or parse itself, the build's precompiled files notwithstanding.
  precompiled.requestSchemas = runtimeCompiledSchemas() === 0;
  precompiled.yamlData = runtimeParsedYaml() === 0;
  if (!precompiled.requestSchemas || !precompiled.yamlData) console.error("warning: the build's precompiled request schemas or YAML data are missing or stale; run npm run build first");
  const cases = [...byCase.values()];
  const requests = cases.reduce((n, l) => n + l.length, 0);
  const bodies = [];
  let offset = 0;
  const index = cases.map((list) => list.map(({ body, ...r }) => {
    if (body === undefined) return r;
    const bytes = typeof body === "string" ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    bodies.push(bytes);
    offset += bytes.length;
    return { ...r, body: [offset - bytes.length, offset] };
  }));
  writeFileSync(join(work, "requests.json"), JSON.stringify(index));
  writeFileSync(join(work, "bodies.bin"), Buffer.concat(bodies));

  const cli = [join(root, "dist", "tools", "cli.js"), "conformance", "--base-url", server.url, "--model", "lis-tiny", "--api-key", apiKey, "--concurrency", String(concurrency)];
  const replayChild = [fileURLToPath(import.meta.url), "--replay-child", work, "--concurrency", String(concurrency)];
  const replayChildHttp = [...replayChild, "--transport", "node-http"];
  const loaded = loadSuite({});
  const times = { cli: [], replayChild: [], replayChildHttp: [], run: [], replay: [], cliCpu: [], replayChildCpu: [], warmFull: [], runCpu: [], replayCpu: [] };
  /** Wall and CPU time of one side in this process (the server's work included, as on the other side). */
  const inProcess = async (side) => {
    gc();
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    await side();
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
  for (let i = 0; i < runs; i++) {
    const a = await timeProcess(cli, [0, 1]);
    const b = await timeProcess(replayChild);
    times.cli.push(a.wall);
    times.cliCpu.push(a.cpu);
    times.replayChild.push(b.wall);
    times.replayChildCpu.push(b.cpu);
    times.replayChildHttp.push((await timeProcess(replayChildHttp)).wall);
    const run = await inProcess(() => runConformance({ baseUrl: server.url, model: "lis-tiny", apiKey, concurrency, suite: loaded }));
    times.run.push(run.wall);
    times.runCpu.push(run.cpu);
    times.warmFull.push((await inProcess(() => runConformance({ baseUrl: server.url, model: "lis-tiny", apiKey, concurrency }))).wall);
    const bare = await inProcess(() => replay(cases));
    times.replay.push(bare.wall);
    times.replayCpu.push(bare.cpu);
  }
  const [full, bare, run, replayed, fullCpu, bareCpu, warmFull] = [times.cli, times.replayChild, times.run, times.replay, times.cliCpu, times.replayChildCpu, times.warmFull].map(median);
  // A ratio is the median of each round's ratio: the two sides of a round ran back to back, under the same
  // load, so pairing them cancels much of a busy machine's noise.
  const ratio = (a, b) => median(a.map((x, i) => x / b[i])).toFixed(2).padStart(7);
  const c = first.report.summary.cases;
  const ms = (x) => `${x.toFixed(0).padStart(7)} ms`;
  console.log(`lis conformance: ${c.total} cases, ${requests} requests, concurrency ${concurrency}, ${runs} rounds (medians)`);
  console.log(`  full suite, fresh process (lis conformance --base-url)  ${ms(full)}`);
  console.log(`  bare fetch replay, fresh process                        ${ms(bare)}`);
  console.log(`  bare node:http replay, fresh process                    ${ms(median(times.replayChildHttp))}`);
  console.log(`  run and judge, case files loaded, warm process           ${ms(run)}`);
  console.log(`  bare fetch replay, same process                         ${ms(replayed)}`);
  console.log(`  overhead ratio, full suite                              ${ratio(times.cli, times.replayChild)}  (target ≤ 1.30)`);
  console.log(`  the same against bare node:http (the runner's transport) ${ratio(times.cli, times.replayChildHttp).trim().padStart(6)}  (the runner's own work: loading, judging, reports)`);
  console.log(`  overhead ratio, run and judge only                      ${ratio(times.run, times.replay)}`);
  console.log(`  overhead ratio, load + run in a warm process (as before) ${ratio(times.warmFull, times.replay).trim().padStart(6)}  (${ms(warmFull).trim()}; schemas already compiled)`);
  console.log(`  client CPU time, full suite / bare fetch (fresh processes) ${ms(fullCpu).trim()} / ${ms(bareCpu).trim()} = ${ratio(times.cliCpu, times.replayChildCpu).trim()}`);
  console.log(`  CPU time, run and judge / bare fetch (this process, server included) ${ms(median(times.runCpu)).trim()} / ${ms(median(times.replayCpu)).trim()} = ${ratio(times.runCpu, times.replayCpu).trim()}`);
  const state = (fresh) => (fresh ? "fresh" : "STALE (npm run build)");
  console.log(`  precompiled by the build: case suite ${state(precompiled.cases)}, schema validators ${state(precompiled.validators)}, request schemas ${state(precompiled.requestSchemas)}, YAML data ${state(precompiled.yamlData)}`);
  console.log(`  (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs: ratios are noisy on a busy machine)`);
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
