import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

// The performance chapter as a user meets it: the clauses of the profile, and its one server clause,
// PERF-023, judged by the conformance suite on a paced server (pass), an unpaced one (not applicable: too
// fast to observe) and one that holds streams back (the fault; the mutation self-test covers it too).
const dir = mkdtempSync(join(tmpdir(), "lis-perf-spec-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

function serve(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), "serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`lis serve exited ${code}`)));
  });
}

function perfVerdict(args: string[]): { status: string; verdict: string; reason?: string } {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const r = runCli(["conformance", "--spec", "1.1", "--filter", "perf-*", "--report", `json=${out}`, ...args]);
  expect(r.stderr).not.toMatch(/internal error/);
  const report = JSON.parse(readFileSync(out, "utf8"));
  const c = report.cases.find((x: { id: string }) => x.id === "perf-stream-not-held-back");
  return { status: c.status, reason: c.reason, verdict: report.clauses.find((x: { id: string }) => x.id === "PERF-023").verdict };
}

describe("spec/1.1/performance.md", () => {
  it("lis clauses --spec 1.1 --profile performance lists the PERF clauses of benchmark tools, each added in 1.1", () => {
    const r = runCli(["clauses", "--spec", "1.1", "--profile", "performance", "--format", "json"]);
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as { id: string; addedIn: string; testable: boolean }[];
    expect(listed.map((c) => c.id)).toEqual(Array.from({ length: 22 }, (_, i) => `PERF-${String(i + 1).padStart(3, "0")}`));
    for (const c of listed) expect(c).toMatchObject({ addedIn: "1.1", testable: false });
  });

  it("lis conformance refuses the performance profile for a server, saying whose profile it is", () => {
    const r = runCli(["conformance", "--spec", "1.1", "--profile", "performance", "--list"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/performance: a profile of tools, not of servers/);
  });

  it("PERF-023 passes on lis serve --latency, is not applicable on an unpaced server, and fails under its fault", async () => {
    const paced = await serve(["--latency", "itl=5ms"]);
    expect(perfVerdict(["--base-url", paced, "--model", "lis-tiny", "--profile", "streaming"])).toMatchObject({ status: "pass", verdict: "pass" });
    expect(perfVerdict([])).toMatchObject({ status: "precondition-failed", verdict: "not-applicable", reason: expect.stringMatching(/got [0-9.]+ ms/) });
    expect(perfVerdict(["--server-fault", "PERF-023"])).toMatchObject({ status: "fail", verdict: "fail" });
  }, 120_000);
});
