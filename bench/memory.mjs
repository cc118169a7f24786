#!/usr/bin/env node
// Memory is a figure, not a hope. Prints, measured in this run:
//  1. the peak RSS of `lis conformance` (a fresh CLI process, default flags) running the full suite against
//     a reference server in this process, and against each hostile behaviour of
//     test/support/hostile-server.mjs on the case paths only and on every path, with the worst of them set
//     beside the normal suite (the ratio) and beside the 300 MiB bound the hostile tests hold; and deep JSON
//     of 2 MB and of 64 MB (the size cap raised to let it through): what it costs does not grow with its size;
//  2. the SSE parser fed one endless line: the time per MiB at 8, 16, 32 and 64 MiB (linear: each doubling
//     of the bytes doubles the time, ratio ~2), and where the runner's 1 MiB line cap cuts it.
// Peak RSS is the child's own (getrusage maxrss, read at its exit by test/support/max-rss.mjs).
//
//   npm run build && node bench/memory.mjs [--only deep-json,many-keys] [--scope cases|all|both]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = (p) => pathToFileURL(join(root, "dist", "tools", p)).href;
if (!existsSync(join(root, "dist", "tools", "cli.js"))) {
  console.error("bench/memory: build first (npm run build)");
  process.exit(2);
}
const { startServer } = await import(dist("serve/server.js"));
const { SseParser, SseCapError } = await import(dist("util/sse.js"));
const { BEHAVIOURS, startHostile } = await import(pathToFileURL(join(root, "test", "support", "hostile-server.mjs")).href);
const { DEFAULT_MAX_EVENT_CHARS } = await import(dist("http/client.js"));

const MiB = 1024 * 1024;
const mib = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;

/** One `lis conformance` run in a fresh process; its wall time, exit code and peak RSS. */
async function measure(cliArgs, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), "lis-bench-memory-"));
  const file = join(dir, "max-rss");
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", join(root, "test", "support", "max-rss.mjs"), join(root, "dist", "tools", "cli.js"), "conformance", ...cliArgs], {
    env: { ...process.env, ...env, LIS_MAX_RSS_FILE: file },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const code = await new Promise((done) => child.on("close", done));
  const seconds = (performance.now() - t0) / 1000;
  const rss = existsSync(file) ? Number(readFileSync(file, "utf8")) : NaN;
  rmSync(dir, { recursive: true, force: true });
  return { code, seconds, rss };
}

// 1. Peak RSS: the normal suite, then every hostile behaviour.
const reference = await startServer({ port: 0, host: "127.0.0.1" });
const normal = await measure(["--base-url", reference.url, "--model", "lis-tiny"]);
await reference.close();
console.log(`lis conformance, full 1.0 suite against the reference server: ${mib(normal.rss)} peak RSS (${normal.seconds.toFixed(1)} s, exit ${normal.code})`);

const only = option("--only")?.split(",");
const scopeOption = option("--scope", "both");
const scopes = scopeOption === "both" ? ["cases", "all"] : [scopeOption];
const rows = [];
for (const behaviour of Object.keys(BEHAVIOURS).filter((b) => !only || only.includes(b))) {
  for (const scope of scopes) {
    const server = await startHostile({ behaviour, scope });
    const r = await measure(["--base-url", server.url, "--model", "m"], { LIS_API_KEY: "sk-bench-memory-0123456789" });
    await server.close();
    rows.push({ behaviour, scope, ...r });
    console.log(`  ${behaviour.padEnd(22)} ${scope.padEnd(5)} ${mib(r.rss).padStart(8)}  ${r.seconds.toFixed(1).padStart(6)} s  exit ${r.code}`);
  }
}
if (rows.length > 0) {
  const worst = rows.reduce((a, b) => (b.rss > a.rss ? b : a));
  console.log(`worst hostile behaviour: ${worst.behaviour} (${worst.scope === "all" ? "every path" : "case paths only"}): ${mib(worst.rss)} peak RSS, ${(worst.rss / normal.rss).toFixed(2)}x the normal suite, ${((worst.rss / (300 * MiB)) * 100).toFixed(0)}% of the 300 MiB bound; slowest: ${rows.reduce((a, b) => (b.seconds > a.seconds ? b : a)).behaviour} (${Math.max(...rows.map((r) => r.seconds)).toFixed(1)} s)`);
}

// Deep JSON of any size: refused at its 65th byte, so 64 MB cost what 2 MB does.
for (const [levels, label] of [[1_000_000, "2 MB"], [32 * 1_000_000, "64 MB"]]) {
  const server = await startHostile({ behaviour: "deep-json", scope: "cases", deepLevels: levels });
  const r = await measure(["--base-url", server.url, "--model", "m", "--max-body-bytes", String(256 * MiB)]);
  await server.close();
  console.log(`deep JSON of ${label} on every case path (--max-body-bytes 256 MiB): ${mib(r.rss)} peak RSS (${r.seconds.toFixed(1)} s, exit ${r.code})`);
}

// 2. The SSE parser on one endless line, fed in 64 KiB chunks.
const chunk = "a".repeat(64 * 1024);
function feed(bytes, caps) {
  const parser = new SseParser(caps);
  parser.push("data: ");
  const t0 = performance.now();
  let fed = 0;
  try {
    while (fed < bytes) {
      parser.push(chunk);
      fed += chunk.length;
    }
  } catch (err) {
    if (!(err instanceof SseCapError)) throw err;
  }
  return { ms: performance.now() - t0, fed };
}
feed(8 * MiB); // warm-up
let previous;
const sizes = [8, 16, 32, 64];
for (const size of sizes) {
  const best = Math.min(...[0, 1, 2].map(() => feed(size * MiB).ms));
  console.log(`SSE parser, one endless line of ${String(size).padStart(2)} MiB: ${best.toFixed(1).padStart(7)} ms (${(best / size).toFixed(2)} ms per MiB)${previous ? `, ${(best / previous).toFixed(2)}x the time of half as many bytes` : ""}`);
  previous = best;
}
const cut = feed(64 * MiB, { maxLineChars: DEFAULT_MAX_EVENT_CHARS, maxEventChars: DEFAULT_MAX_EVENT_CHARS });
console.log(`with the runner's line cap (${mib(DEFAULT_MAX_EVENT_CHARS)}): cut after ${(cut.fed / MiB).toFixed(2)} MiB of a 64 MiB line, in ${cut.ms.toFixed(1)} ms`);
