import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getValidator } from "../../tools/validate/validators.js";
import { runCli } from "../support/cli.js";
import { hasLlama, startLlama, type RunningLlama } from "../support/llama-server.js";

// lis bench against software nobody on this project wrote: llama.cpp's llama-server, prebuilt beside the
// checkout in ../shared/real-servers/llama.cpp. A user's clone does not have it: then this suite is skipped,
// with a note that says so (test/support/llama-server.ts). Four slots, for the concurrency sweep.

describe.skipIf(!hasLlama)("lis bench against llama.cpp's llama-server", () => {
  let server: RunningLlama;
  const tmp = mkdtempSync(join(tmpdir(), "lis-bench-llama-"));
  beforeAll(async () => {
    server = await startLlama({ parallel: 4 });
  }, 70_000);
  afterAll(async () => {
    await server?.close();
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
