#!/usr/bin/env node
// Benchmarks `lis lint` against the stock Spectral CLI (spectral:oas recommended) and Redocly CLI (recommended)
// on OpenAI's published API definition, in one run, and prints wall time and peak memory side by side as ratios.
//
//   npx tsc -p . && node bench/lint.mjs [--runs N] [--file path.yaml]
//
// Peak memory is the child's maximum resident set size, measured by GNU time (/usr/bin/time); where it is
// missing only wall time is printed. Nothing here reaches the network: Redocly's telemetry and update check
// are switched off.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", "3"));
const fixtures = process.env.LIS_SHARED_FIXTURES ?? join(root, "..", "shared", "fixtures");
const file = resolve(option("--file", join(fixtures, "third-party", "openai-openapi.yaml")));

if (!existsSync(file)) {
  console.log(`skipped: ${file} is absent (set LIS_SHARED_FIXTURES or pass --file)`);
  process.exit(0);
}
if (!existsSync(join(root, "dist", "tools", "cli.js"))) {
  console.error("build first: npx tsc -p .");
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), "lis-bench-"));
const spectralRuleset = join(tmp, "spectral-oas.yaml");
writeFileSync(spectralRuleset, 'extends: [["spectral:oas", recommended]]\n');
const bin = (name) => join(root, "node_modules", ".bin", name);
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

const tools = [
  { name: "lis lint", argv: [process.execPath, join(root, "dist", "tools", "cli.js"), "lint", file, "--format", "json"], count: countLis },
  { name: "spectral (oas recommended)", argv: [bin("spectral"), "lint", "--ruleset", spectralRuleset, "--format", "json", file], count: (out) => JSON.parse(out).length },
  {
    name: "redocly (recommended)",
    argv: [bin("redocly"), "lint", "--extends", "recommended", "--format", "json", file],
    env: { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    count: (out) => JSON.parse(out).totals ? JSON.parse(out).totals.errors + JSON.parse(out).totals.warnings : JSON.parse(out).problems.length,
  },
];

function countLis(out) {
  return JSON.parse(out).findings.length;
}

function measure(tool) {
  const argv = gnuTime ? [gnuTime, "-f", "BENCH %e %M %U %S", ...tool.argv] : tool.argv;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...tool.env },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const line = gnuTime ? (result.stderr.match(/BENCH ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/) ?? []) : [];
  let findings = "?";
  try {
    findings = tool.count(result.stdout);
  } catch {
    /* the tool printed something else; the count stays unknown */
  }
  const cpu = line[3] ? Number(line[3]) + Number(line[4]) : NaN;
  return { wall: line[1] ? Number(line[1]) : wall, peakMiB: line[2] ? Number(line[2]) / 1024 : NaN, cpu, findings, status: result.status };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
for (const tool of tools) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(measure(tool));
  results.push({ tool, wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), peak: median(samples.map((s) => s.peakMiB)), findings: samples[0].findings, status: samples[0].status });
  process.stderr.write(`measured ${tool.name}\n`);
}
rmSync(tmp, { recursive: true, force: true });

const [lis, spectral, redocly] = results;
const size = (readFileSync(file).length / 2 ** 20).toFixed(1);
console.log(`lint benchmark: ${file} (${size} MiB), median of ${runs} run(s), Node ${process.version}`);
console.log("");
console.log("| tool | wall time (s) | CPU time (s) | peak RSS (MiB) | findings | exit |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
const num = (n, digits) => (Number.isNaN(n) ? "n/a" : n.toFixed(digits));
for (const r of results) console.log(`| ${r.tool.name} | ${r.wall.toFixed(2)} | ${num(r.cpu, 2)} | ${num(r.peak, 0)} | ${r.findings} | ${r.status} |`);
console.log("");
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? "n/a" : `${(a / b).toFixed(2)}x`);
console.log(`lis lint / spectral: time ${ratio(lis.wall, spectral.wall)} (target <= 0.20x), CPU ${ratio(lis.cpu, spectral.cpu)}, memory ${ratio(lis.peak, spectral.peak)}`);
console.log(`lis lint / redocly:  time ${ratio(lis.wall, redocly.wall)} (target <= 2.00x), CPU ${ratio(lis.cpu, redocly.cpu)}, memory ${ratio(lis.peak, redocly.peak)}`);
// On a machine busy with other work, wall times stretch unevenly; CPU time is the steadier comparison there.
console.log(`load average while measuring: ${(await import("node:os")).loadavg()[0].toFixed(1)} (on ${(await import("node:os")).cpus().length} CPUs)`);
