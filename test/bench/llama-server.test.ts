import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tools/util/paths.js";
import { getValidator } from "../../tools/validate/validators.js";
import { runCli } from "../support/cli.js";

// lis bench against software nobody on this project wrote: llama.cpp's llama-server, prebuilt beside the
// checkout in ../shared/real-servers/llama.cpp (LIS_REAL_SERVERS points elsewhere). A user's clone does not
// have it: then this suite is skipped, with a note that says so.
const dir = resolve(process.env.LIS_REAL_SERVERS ?? join(ROOT, "..", "shared", "real-servers"), "llama.cpp");
const binary = join(dir, "llama-server");
const available = existsSync(binary) && existsSync(join(dir, "tiny-llama.gguf"));
if (!available) process.stderr.write(`note: ${binary} is absent; the lis bench run against llama.cpp's llama-server is skipped\n`);

/** llama-server on a free port of 21000–21999; resolves when GET /health answers 200. */
async function startLlama(): Promise<{ url: string; child: ChildProcess }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 21000 + Math.floor(Math.random() * 1000);
    const child = spawn(binary, ["-m", join(dir, "tiny-llama.gguf"), "-a", "tiny-llama", "-c", "2048", "-np", "4", "-n", "64", "--seed", "42", "-t", "1", "--host", "127.0.0.1", "--port", String(port)], { stdio: "ignore" });
    const exited = new Promise<"exited">((r) => child.once("exit", () => r("exited")));
    for (let i = 0; i < 100; i++) {
      const state = await Promise.race([exited, new Promise<"wait">((r) => setTimeout(() => r("wait"), 100))]);
      if (state === "exited") break;
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
      if (ok) return { url: `http://127.0.0.1:${port}/v1`, child };
    }
    child.kill("SIGKILL");
  }
  throw new Error("llama-server did not start");
}

describe.skipIf(!available)("lis bench against llama.cpp's llama-server", () => {
  let server: { url: string; child: ChildProcess };
  const tmp = mkdtempSync(join(tmpdir(), "lis-bench-llama-"));
  beforeAll(async () => {
    server = await startLlama();
  }, 30_000);
  afterAll(() => {
    server?.child.kill("SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });

  it("measures a closed-loop sweep, counting tokens from the server's usage, in every report format", () => {
    const files = { json: join(tmp, "r.json"), markdown: join(tmp, "r.md"), html: join(tmp, "r.html") };
    const r = runCli(["bench", "--base-url", server.url, "--model", "tiny-llama", "--concurrency", "1,2", "--requests", "6", "--warmup", "1", "--input-tokens", "32", "--output-tokens", "32", "--ignore-eos", "--report", Object.entries(files).map(([k, v]) => `${k}=${v}`).join(",")]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(files.json, "utf8"));
    expect(getValidator("perf-report", "1.1")(report).errors).toEqual([]);
    for (const p of report.points) {
      expect(p.requests).toMatchObject({ succeeded: 6, failed: 0 });
      expect(p.tokens.counted_from_usage).toBe(6);
      expect(p.metrics.ttft_ms.count).toBe(6);
      expect(p.metrics.itl_ms.count).toBeGreaterThan(0);
      // This build ignores max_completion_tokens (its -n 64 caps answers): the report shows what the server did.
      expect(p.tokens.output.max).toBeGreaterThanOrEqual(32);
    }
    expect(r.stdout).toMatch(/more than the 32 asked for|^concurrency/m);
    expect(readFileSync(files.html, "utf8")).toContain("<svg");
  });

  it("runs an open loop too", () => {
    const out = join(tmp, "open.json");
    const r = runCli(["bench", "--base-url", server.url, "--model", "tiny-llama", "--rate", "4", "--requests", "6", "--warmup", "1", "--input-tokens", "16", "--output-tokens", "16", "--report", `json=${out}`]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).points[0].requests.succeeded).toBe(6);
  });
});
