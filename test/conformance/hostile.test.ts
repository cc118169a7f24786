// `lis conformance` against 18 hostile servers (test/support/hostile-server.mjs), each misbehaving on every
// path and on the case paths only (GET /models and discovery answering normally, so that the per-case
// defences are what is reached). For each, as a user runs it (a real subprocess, default flags, the key
// in LIS_API_KEY, every report requested):
//   - the run ends within 120 s;
//   - the exit code is 1 or 3;
//   - every requested report is written and valid;
//   - peak RSS stays under 300 MiB, measured in the child process;
//   - the key is never written, and nothing (so no key) ever reaches another origin;
// and the report says what happened, in the defence's own words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConformanceReport, RunStatus } from "../../tools/conformance/report.js";
import { BEHAVIOURS, startHostile } from "../support/hostile-server.mjs";
import { runCliAsync } from "../support/cli.js";
import { everyReport, reportProblems, secretPieces } from "./requested-reports.js";

type Behaviour = keyof typeof BEHAVIOURS;
type Scope = "all" | "cases";

const KEY = "sk-hostile-SECRET-9c1f7e2a55d3";
const MAX_SECONDS = 120;
const MAX_RSS = 300 * 1024 * 1024;

/**
 * How each run ends, on every path and on the case paths only, and what the report must say (in the run's
 * reason or in some case's). On every path, most behaviours meet the pre-flight: no HTTP answer, exit 3.
 */
const EXPECTED: Record<Behaviour, { all: RunStatus; cases: RunStatus; says: RegExp | Record<Scope, RegExp> }> = {
  "hang-before-headers": { all: "unreachable", cases: "target-down", says: /no complete response within|it hangs/ },
  "hang-mid-body": { all: "unreachable", cases: "target-down", says: /no complete response within|it hangs/ },
  "slow-drip": { all: "unreachable", cases: "target-down", says: /no complete response within|it hangs/ },
  "infinite-stream": { all: "unreachable", cases: "complete", says: /more than 1000 events|more than 100000 object members/ },
  "huge-json": { all: "unreachable", cases: "complete", says: /exceeds the cap of 8388608 bytes/ },
  "huge-sse-line": { all: "unreachable", cases: "complete", says: /a line longer than 1048576 characters/ },
  "gzip-bomb": { all: "unreachable", cases: "complete", says: /exceeds the cap of 8388608 bytes/ },
  "deep-json": { all: "unreachable", cases: "complete", says: /nested deeper than 64 levels \(--max-depth\)/ },
  "many-keys": { all: "unreachable", cases: "complete", says: /more than 100000 object members/ },
  "reset-mid-stream": { all: "unreachable", cases: "complete", says: /closed or reset|closed before the response was complete/ },
  "redirect-off-host": { all: "complete", cases: "complete", says: /status 307/ },
  "redirect-loop": { all: "complete", cases: "complete", says: /status 302/ },
  "wrong-content-length": { all: "unreachable", cases: "complete", says: /not a valid HTTP response|the body is not one JSON text|not JSON/ },
  garbage: { all: "unreachable", cases: "complete", says: /not a valid HTTP response/ },
  "status-999": { all: "complete", cases: "complete", says: /status 999/ },
  "header-flood": { all: "unreachable", cases: "complete", says: /Header overflow/ },
  "invalid-utf8": { all: "complete", cases: "complete", says: /./ },
  crash: { all: "unreachable", cases: "target-down", says: { all: /cannot reach .*: reset: /, cases: /it refused 2 connections in a row \(it crashed or was stopped\)/ } },
};

/** Everything the report says about why things went wrong: the run's reason, case reasons, failed checks. */
function said(report: ConformanceReport): string {
  return [report.run.reason ?? "", ...report.cases.map((c) => c.reason ?? ""), ...report.cases.flatMap((c) => c.checks.filter((k) => !k.passed).map((k) => `${k.got ?? ""} ${k.message ?? ""}`))].join("\n");
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lis-hostile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The time-bound behaviours (hangs) come first in BEHAVIOURS: mostly waiting, they overlap the CPU-bound ones.
const runs = (Object.keys(BEHAVIOURS) as Behaviour[]).flatMap((behaviour) => (["all", "cases"] as Scope[]).map((scope) => ({ behaviour, scope })));

describe.concurrent("hostile servers: every behaviour, on every path and on the case paths only (subprocess, default flags)", () => {
  it.each(runs)("$behaviour, $scope", async ({ behaviour, scope }) => {
    const server = await startHostile({ behaviour, scope });
    try {
      const { option, paths } = everyReport(join(dir, `${behaviour}-${scope}`));
      const r = await runCliAsync(["conformance", "--base-url", server.url, "--model", "m", "--report", option], {
        env: { LIS_API_KEY: KEY },
        timeoutMs: MAX_SECONDS * 1000,
        measureRss: true,
      });
      expect(r.timedOut, `ends within ${MAX_SECONDS} s`).toBe(false);
      expect([1, 3], `exit 1 or 3 (stderr: ${r.stderr.slice(0, 300)})`).toContain(r.status);
      const reports = reportProblems(paths);
      expect(reports.problems, "every requested report written and valid").toEqual([]);
      expect(r.peakRssBytes, "peak RSS measured").toBeTypeOf("number");
      expect(r.peakRssBytes!, `peak RSS ${Math.round(r.peakRssBytes! / 2 ** 20)} MiB`).toBeLessThan(MAX_RSS);
      expect(secretPieces(KEY, [r.stdout, r.stderr, ...reports.texts]), "the key is never written").toEqual([]);
      expect(server.elsewhere.requests, "nothing reaches another origin").toEqual([]);
      const report = reports.json!;
      expect(report.run.status).toBe(EXPECTED[behaviour][scope]);
      const says = EXPECTED[behaviour].says;
      expect(said(report)).toMatch(says instanceof RegExp ? says : says[scope]);
    } finally {
      await server.close();
    }
  }, (MAX_SECONDS + 30) * 1000);
});
