// lis conformance against a real third-party server, llama.cpp's llama-server (../shared/real-servers/llama.cpp),
// as a user runs it (subprocess): each misconfiguration gets its one-line diagnosis and exit 2, with every
// requested report written; and a server that dies during the run is reported as a crash, naming the case.
// Skipped, with a note, where the server is absent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCliAsync } from "../support/cli.js";
import { hasLlama, startLlama, type RunningLlama } from "../support/llama-server.js";
import { everyReport, reportProblems, secretPieces } from "./requested-reports.js";

const KEY = "sk-lh-SECRET-31415926535";
let dir: string;
let n = 0;

async function run(args: string[], env: Record<string, string> = {}, onSpawn?: Parameters<typeof runCliAsync>[1]["onSpawn"]) {
  const { option, paths } = everyReport(join(dir, `run-${++n}`));
  const r = await runCliAsync(["conformance", ...args, "--report", option], { env, timeoutMs: 120_000, onSpawn });
  const reports = reportProblems(paths);
  expect(reports.problems).toEqual([]);
  expect(secretPieces(KEY, [r.stdout, r.stderr, ...reports.texts])).toEqual([]);
  return { ...r, report: reports.json! };
}

describe.skipIf(!hasLlama)("lis conformance against llama.cpp's llama-server: pre-flight and target health (subprocess)", () => {
  let keyed: RunningLlama;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lis-llama-health-"));
    keyed = await startLlama({ extra: ["--api-key", KEY] });
  });
  afterAll(async () => {
    await keyed?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const diagnosed = async (args: string[], env: Record<string, string>, line: RegExp) => {
    const r = await run(["--model", "tiny-llama", "--profile", "core", ...args], env);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^lis: [^\n]+\n$/);
    expect(r.stderr).toMatch(line);
    expect([r.report.run.status, r.report.cases.length]).toEqual(["misconfigured", 0]);
  };

  it("no --api-key (its /models is public, the rest refuses): one line, exit 2", async () => {
    await diagnosed(["--base-url", keyed.url], {}, /^lis: the server requires an API key \(GET \/models answered 200, GET \/\.well-known\/lis 401\): pass --api-key KEY or set LIS_API_KEY$/m);
  });

  it("a wrong --api-key: one line, exit 2", async () => {
    await diagnosed(["--base-url", keyed.url, "--api-key", "sk-not-the-key-0000"], {}, /^lis: the server refused the API key \(GET \/models answered 200, GET \/\.well-known\/lis 401\): check --api-key or LIS_API_KEY$/m);
  });

  it("a base URL without /v1 (llama-server answers there too, but the standard's endpoints are below /v1): one line, exit 2", async () => {
    const origin = keyed.url.replace(/\/v1$/, "");
    await diagnosed(["--base-url", origin], { LIS_API_KEY: KEY }, new RegExp(`^lis: the base URL lacks /v1: GET ${origin}/v1/models answers 200 with a model list \\(GET ${origin}/models: 200\\); pass --base-url ${origin}/v1$`, "m"));
  });

  it("an unknown --model: llama-server serves any model id, so the run goes on and MODEL-006 says so", async () => {
    const r = await run(["--base-url", keyed.url, "--model", "tiny-lama", "--profile", "core", "--filter", "models-*"], { LIS_API_KEY: KEY });
    expect(r.stderr).not.toMatch(/^lis: /m);
    expect(r.report.run.status).toBe("complete");
    const model006 = r.report.clauses.find((c) => c.id === "MODEL-006");
    expect(model006?.verdict).toBe("fail");
    expect(JSON.stringify(model006?.failures)).toContain("tiny-lama");
  });

  it("the server dies mid-run: reported as a crash, naming the case whose request was the last one sent; the rest in one line", async () => {
    const victim = await startLlama();
    try {
      const served = () => victim.log().match(/log_server_r: request: /g)?.length ?? 0;
      let killedAfter = -1;
      const r = await run(["--base-url", victim.url, "--model", "tiny-llama", "--profile", "core"], {}, (child) => {
        // The process dies as a crashing server does, between two requests of the run (the 16th answered).
        const timer = setInterval(() => {
          if (served() >= 16 && killedAfter < 0) {
            killedAfter = served();
            victim.process.kill("SIGKILL");
          }
        }, 2);
        child.on("close", () => clearInterval(timer));
      });
      expect(killedAfter).toBeGreaterThanOrEqual(16);
      expect(r.status).toBe(1);
      const { run: outcome, cases } = r.report;
      expect(outcome.status).toBe("target-down");
      expect(outcome.reason).toMatch(/^target down: it refused 2 connections in a row \(it crashed or was stopped\); the last request sent before it stopped answering was case ([a-z0-9-]+), step [a-z0-9-]+$/);
      const named = cases.find((c) => c.id === outcome.lastRequest?.case)!;
      // The case named is the one whose request met the dead server: not judged on anything, in error.
      expect(named.status).toBe("error");
      expect(named.unfinished).toBeUndefined();
      expect(named.reason).toMatch(/reset|connect/);
      expect(outcome.lastRequest!.request.split("\n")[0]).toMatch(new RegExp(`^[A-Z]+ ${victim.url.replace(/[./]/g, "\\$&")}/`));
      expect(cases.filter((c) => c.unfinished).length).toBeGreaterThan(50);
      expect(r.stdout.match(/case\(s\) not judged: target down/g)).toHaveLength(1);
    } finally {
      await victim.close();
    }
  });
});
