import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getValidator } from "../../tools/validate/validators.js";
import { ROOT } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

// lis bench as a user runs it: a subprocess, against the embedded reference server and against a server
// given by --base-url (lis serve --latency in its own process), with every report format written.
const dir = mkdtempSync(join(tmpdir(), "lis-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const validate = getValidator("perf-report", "1.1");
const readReport = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const SECRET = "sk-bench-secret-7d1f2a9c";

/** `lis serve` in its own process on a free port; resolves with its base URL. */
function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), "serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.once("exit", (code) => reject(new Error(`lis serve exited ${code}`)));
  });
}

describe("lis bench against the embedded reference server (closed loop)", () => {
  it("runs a sweep and writes every report format, the JSON valid against perf-report", () => {
    const files = { json: join(dir, "r.json"), markdown: join(dir, "r.md"), html: join(dir, "r.html") };
    const r = runCli(["bench", "--latency", "ttft=20ms,itl=2ms", "--concurrency", "1,4", "--requests", "12", "--warmup", "2", "--input-tokens", "16", "--output-tokens", "16", "--ignore-eos", "--slo", "ttft=1s", "--report", Object.entries(files).map(([k, v]) => `${k}=${v}`).join(",")]);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = readReport(files.json);
    expect(validate(report).errors).toEqual([]);
    expect(report).toMatchObject({ object: "lis.perf_report", model: "lis-tiny", complete: true, target: { embedded: true, latency: "ttft=20ms,itl=2ms", lis_version: "1.1" }, load: { method: "closed", levels: [1, 4] } });
    for (const p of report.points) {
      expect(p.requests).toMatchObject({ sent: 12, succeeded: 12, failed: 0, warmup: 2, met_slo: 12 });
      expect(p.tokens.output).toMatchObject({ min: 16, max: 16 }); // ignore_eos: exactly the asked length
      expect(p.tokens.counted_from_usage).toBe(12);
      expect(p.metrics.ttft_ms.p50).toBeGreaterThanOrEqual(20);
    }
    expect(r.stdout).toMatch(/^concurrency\s+ok\s+fail/m);
    expect(readFileSync(files.markdown, "utf8")).toMatch(/^\| concurrency \| ok \| fail \|/m);
    const html = readFileSync(files.html, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|(src|href)=["']?https?:/);
    expect(r.stderr).toMatch(/lis bench: \[2\/2\] concurrency 4: 12\/12 requests.*done/);
  });

  it("refuses bad options with exit 2 and a message that says what to write", () => {
    const cases: [string[], RegExp][] = [
      [["--concurrency", "1", "--rate", "2"], /either --concurrency .* or --rate/],
      [["--concurrency", "0"], /integer from 1/],
      [["--slo", "speed=1ms"], /ttft=/],
      [["--latency", "ttft=fast"], /not a duration/],
      [["--base-url", "http://127.0.0.1:9/v1"], /--model is required/],
      [["--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--latency", "itl=1ms"], /embedded reference server only/],
      [["--burstiness", "0.5", "--rate", "1"], /--arrivals gamma/],
      [["--dataset", join(dir, "absent.jsonl")], /cannot read .*absent\.jsonl/],
      [["--report", "pdf=x.pdf"], /unknown format 'pdf'/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(["bench", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("names each bad line of a dataset (exit 2), and runs a good one in order, identified by its hash", () => {
    const bad = join(dir, "bad.jsonl");
    const good = join(dir, "good.jsonl");
    writeFileSync(bad, '{"prompt": "hello"}\n{"prompt": 5}\nnot json\n');
    writeFileSync(good, '{"prompt": "Tell me about the fox.", "max_tokens": 4}\n{"messages": [{"role": "user", "content": "And the crow?"}]}\n');
    const r1 = runCli(["bench", "--dataset", bad, "--requests", "2"]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/bad\.jsonl:2: /);
    expect(r1.stderr).toMatch(/bad\.jsonl:3: not JSON at line 1, column 1/);
    const out = join(dir, "d.json");
    const r2 = runCli(["bench", "--dataset", good, "--requests", "4", "--warmup", "0", "--output-tokens", "6", "--report", `json=${out}`]);
    expect(r2.status, r2.stderr).toBe(0);
    const report = readReport(out);
    expect(report.workload).toMatchObject({ kind: "dataset", dataset: { lines: 2, sha256: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
    expect(report.points[0].tokens.output.max).toBeLessThanOrEqual(6);
  });
});

describe("lis bench against a --base-url (open loop), with an API key", () => {
  let server: { url: string; child: ChildProcess };
  beforeAll(async () => {
    server = await serve(["--latency", "ttft=10ms,itl=2ms"], { LIS_API_KEY: SECRET });
  });
  afterAll(() => server?.child.kill());

  it("runs Poisson and gamma arrivals, writes every format, and never writes the key", () => {
    for (const arrivals of [["--arrivals", "poisson"], ["--arrivals", "gamma", "--burstiness", "0.5"]]) {
      const files = { json: join(dir, "o.json"), markdown: join(dir, "o.md"), html: join(dir, "o.html") };
      const r = runCli(["bench", "--base-url", server.url, "--model", "lis-tiny", "--api-key", SECRET, "--rate", "20,40", ...arrivals, "--requests", "15", "--warmup", "3", "--output-tokens", "8", "--input-tokens", "8", "--report", Object.entries(files).map(([k, v]) => `${k}=${v}`).join(",")]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const report = readReport(files.json);
      expect(validate(report).errors).toEqual([]);
      expect(report.load).toMatchObject({ method: "open", levels: [20, 40], arrivals: arrivals[1] });
      expect(report.target).toMatchObject({ base_url: server.url, embedded: false });
      for (const p of report.points) {
        expect(p.requests.succeeded).toBe(15);
        expect(p.send_delay_ms.count).toBe(15);
      }
      for (const text of [r.stdout, r.stderr, ...Object.values(files).map((f) => readFileSync(f, "utf8"))]) expect(text).not.toContain(SECRET.slice(4, 12));
    }
  });

  it("counts a wrong key's 401s as failures by kind (exit 1), with the server's message, not the key", () => {
    const out = join(dir, "401.json");
    const r = runCli(["bench", "--base-url", server.url, "--model", "lis-tiny", "--api-key", `${SECRET}-wrong`, "--requests", "3", "--warmup", "0", "--report", `json=${out}`]);
    expect(r.status).toBe(1);
    const p = readReport(out).points[0];
    expect(p.errors["http-status"]).toBe(3);
    expect(p.error_rate).toBe(1);
    expect(p.error_samples[0].message).toMatch(/^HTTP 401/);
    expect(readFileSync(out, "utf8")).not.toContain("bench-secret");
  });
});

describe("lis bench when things go wrong", () => {
  it("exits 3 with a report when the target cannot be reached", () => {
    const out = join(dir, "unreachable.json");
    const r = runCli(["bench", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--report", `json=${out}`]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot be reached/);
    const report = readReport(out);
    expect(validate(report).errors).toEqual([]);
    expect(report).toMatchObject({ complete: false, points: [] });
  });

  it("on SIGINT stops, writes the report of what was measured and exits 130", async () => {
    const out = join(dir, "interrupted.json");
    const child = spawn(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), "bench", "--latency", "ttft=5ms,itl=5ms", "--concurrency", "2", "--duration", "60s", "--warmup", "0", "--output-tokens", "8", "--report", `json=${out}`], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    // Interrupted once it measures, whatever the machine's load made start-up cost.
    const measuring = new Promise<void>((resolve) => child.stderr!.on("data", (d) => ((err += d), /\d+ requests/.test(err) && resolve())));
    await measuring;
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, err).toBe(130);
    const report = readReport(out);
    expect(validate(report).errors).toEqual([]);
    expect(report.complete).toBe(false);
    expect(report.note).toMatch(/interrupted/);
    expect(report.points[0].requests.succeeded).toBeGreaterThan(0);
    expect(report.points[0].errors.cancelled).toBe(0); // requests cut by the interrupt are not the server's failures
  }, 60_000);
});

describe("lis bench compare and merge", () => {
  const run = (name: string, latency: string, extra: string[] = []) => {
    const out = join(dir, `${name}.json`);
    const r = runCli(["bench", "--latency", latency, "--concurrency", "2", "--requests", "40", "--warmup", "2", "--output-tokens", "8", "--input-tokens", "8", "--ignore-eos", "--report", `json=${out}`, ...extra]);
    expect(r.status, r.stderr).toBe(0);
    return out;
  };

  it("says which differences are significant: a slower first token is, equal schedules are not", () => {
    const fast = run("fast", "ttft=10ms,itl=3ms");
    const slow = run("slow", "ttft=40ms,itl=3ms");
    const r = runCli(["bench", "compare", fast, slow, "--format", "json", "--fail-on-regression"]);
    expect(r.status).toBe(1);
    const c = JSON.parse(r.stdout);
    const ttft = c.points[0].metrics.find((m: { metric: string }) => m.metric.startsWith("TTFT"));
    expect(ttft).toMatchObject({ significant: true, verdict: "worse" });
    expect(ttft.p).toBeLessThan(0.01);
    const same = runCli(["bench", "compare", fast, fast]);
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/0 significant regression\(s\), 0 significant improvement\(s\)/);
  });

  it("refuses reports of different workloads (PERF-019) unless --force", () => {
    const other = run("other", "ttft=10ms,itl=3ms", ["--output-tokens", "4"]);
    const r = runCli(["bench", "compare", join(dir, "fast.json"), other]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not comparable \(PERF-019\): output tokens 8 vs 4/);
    expect(runCli(["bench", "compare", join(dir, "fast.json"), other, "--force"]).stdout).toMatch(/NOT COMPARABLE/);
  });

  it("merges reports: counts and histograms add", () => {
    const a = readReport(join(dir, "fast.json"));
    const out = join(dir, "merged.json");
    const r = runCli(["bench", "merge", join(dir, "fast.json"), join(dir, "fast.json"), "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const m = readReport(out);
    expect(validate(m).errors).toEqual([]);
    expect(m.environment.clients).toBe(2);
    expect(m.points[0].requests.succeeded).toBe(2 * a.points[0].requests.succeeded);
    expect(m.points[0].metrics.ttft_ms.count).toBe(2 * a.points[0].metrics.ttft_ms.count);
    expect(m.points[0].metrics.ttft_ms.p50).toBe(a.points[0].metrics.ttft_ms.p50);
    const bad = runCli(["bench", "merge", join(dir, "fast.json"), join(dir, "other.json"), "--out", join(dir, "x.json")]);
    expect(bad.status).toBe(2);
    expect(existsSync(join(dir, "x.json"))).toBe(false);
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
  });
});
