import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { runCli, runCliAsync } from "../support/cli.js";
import { ROOT } from "../../tools/util/paths.js";
import { json, startFake } from "./fake-server.js";
import { reportValidator } from "./report-schema.js";

const fixture = (name: string) => join("test", "conformance", "fixtures", name);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lis-conformance-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lis conformance (subprocess)", () => {
  it("exit 0: cases that pass against the embedded reference server", () => {
    const r = runCli(["conformance", "--cases", fixture("pass.yaml")]);
    expect(r.stderr).toBe("running 1 cases (core 1)\nprofile core done: 1 pass [1/1 cases, 0.0 s]\n".replace("0.0 s", r.stderr.match(/\d+\.\d s/)?.[0] ?? ""));
    expect(r.stdout).toMatch(/embedded reference server/);
    expect(r.stdout).toMatch(/Cases: 1 pass \(1 in/);
    expect(r.status).toBe(0);
  });

  it("exit 1: a MUST clause fails; every report format is written; JSON valid, JUnit parses", () => {
    const out = (n: string) => join(dir, n);
    const r = runCli(["conformance", "--cases", fixture("fail.yaml"), "--report", `json=${out("r.json")},junit=${out("sub/junit.xml")},markdown=${out("r.md")},html=${out("r.html")}`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ MODEL-002 \(MUST, core\)/);
    expect(r.stdout).toMatch(/exit 1 \(1 MUST clause\(s\) failed unexpectedly\)/);
    const validate = reportValidator();
    const report = JSON.parse(readFileSync(out("r.json"), "utf8"));
    expect(validate(report)).toBe(true);
    expect(report.summary.exitCode).toBe(1);
    expect(XMLValidator.validate(readFileSync(out("sub/junit.xml"), "utf8"))).toBe(true);
    expect(readFileSync(out("r.md"), "utf8")).toMatch(/^## ❌/);
    expect(readFileSync(out("r.html"), "utf8")).toMatch(/<h1>LIS 1\.0 conformance: <span class="t-bad">not conformant/);
  });

  it("--write-baseline then --expect: the same failures exit 0; a stale entry exits 1", () => {
    const baseline = join(dir, "baseline.yaml");
    expect(runCli(["conformance", "--cases", fixture("fail.yaml"), "--write-baseline", baseline]).status).toBe(1);
    expect(readFileSync(baseline, "utf8")).toMatch(/clause: MODEL-002/);
    const expected = runCli(["conformance", "--cases", fixture("fail.yaml"), "--expect", baseline]);
    expect(expected.stdout).toMatch(/expected failure \(baseline\)/);
    expect(expected.status).toBe(0);
    const stale = join(dir, "stale.yaml");
    writeFileSync(stale, `${readFileSync(baseline, "utf8")}  - clause: MODEL-001\n    reason: fixed since\n`);
    const r = runCli(["conformance", "--cases", fixture("fail.yaml"), "--expect", stale]);
    expect(r.stdout).toMatch(/stale: clause MODEL-001 now passes/);
    expect(r.status).toBe(1);
  });

  it("exit 2: a broken case file, named with file and line; bad options; a bad baseline", () => {
    const r = runCli(["conformance", "--cases", fixture("broken.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/test\/conformance\/fixtures\/broken\.yaml:9: cases\[0\]\.expect: unknown key "asert"/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(runCli(["conformance", "--report", "pdf=x.pdf"]).stderr).toMatch(/unknown format 'pdf'/);
    expect(runCli(["conformance", "--profile", "nope"]).status).toBe(2);
    expect(runCli(["conformance", "--base-url", "http://127.0.0.1:9/v1"]).stderr).toMatch(/--model is required/);
    expect(runCli(["conformance", "--base-url", "ftp://x/v1", "--model", "m"]).status).toBe(2);
    expect(runCli(["conformance", "--filter", "no-such-case-*"]).stderr).toMatch(/no case matches/);
    expect(runCli(["conformance", "--expect", join(dir, "missing.yaml"), "--cases", fixture("pass.yaml")]).status).toBe(2);
    expect(runCli(["conformance", "--concurrency", "0"]).status).toBe(2);
  });

  it("--server-variant runs the suite against a variant of the embedded server; --variation runs one per variant and scores them", () => {
    const one = runCli(["conformance", "--cases", fixture("pass.yaml"), "--server-variant", "sse-crlf", "--server-variant", "header-name-case"]);
    expect(one.status).toBe(0);
    const unknown = runCli(["conformance", "--server-variant", "no-such-variant"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no variant 'no-such-variant'; run 'lis serve --list-variants'/);
    expect(runCli(["conformance", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--server-variant", "sse-crlf"]).stderr).toMatch(/--server-variant applies to the embedded server only/);
    const r = runCli(["conformance", "--variation", "--cases", fixture("pass.yaml"), "--filter", "json-whitespace,member-order"]);
    expect(r.stdout).toMatch(/✓ json-whitespace +accepted/);
    expect(r.stdout).toMatch(/variation score: 2\/2 legal variants accepted/);
    expect(r.status).toBe(0);
    expect(runCli(["conformance", "--variation", "--filter", "nope-*"]).stderr).toMatch(/no variant matches --filter nope-\*/);
    expect(runCli(["conformance", "--variation", "--base-url", "http://127.0.0.1:9/v1", "--model", "m"]).status).toBe(2);
  });

  it("exit 3: the target cannot be reached (pre-flight)", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = runCli(["conformance", "--base-url", `http://127.0.0.1:${port}/v1`, "--model", "m", "--cases", fixture("pass.yaml")]);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: connect/);
    expect(r.status).toBe(3);
  });

  it("never prints or writes the API key (LIS_API_KEY), even when the server echoes it", async () => {
    const key = "sk-cli-echo-PLANTED-987654321";
    const server = await startFake((req, res) => json(res, 200, { object: "list", data: [], echo: req.headers.authorization }, { "x-echo": String(req.headers.authorization) }));
    try {
      const report = join(dir, "echo.json");
      const junit = join(dir, "echo.xml");
      const r = await runCliAsync(["conformance", "--base-url", server.url, "--model", "m", "--cases", fixture("echo.yaml"), "--report", `json=${report},junit=${junit}`, "--write-baseline", join(dir, "echo-baseline.yaml")], { env: { LIS_API_KEY: key } });
      expect(r.status).toBe(1); // HTTP-019 fails: the server echoes the key
      expect(server.requests[1].headers.authorization).toBe(`Bearer ${key}`);
      const outputs = [r.stdout, r.stderr, readFileSync(report, "utf8"), readFileSync(junit, "utf8"), readFileSync(join(dir, "echo-baseline.yaml"), "utf8")];
      expect(outputs[0]).toMatch(/HTTP-019/);
      for (const text of outputs) for (let i = 0; i + 6 <= key.length; i++) expect(text).not.toContain(key.slice(i, i + 6));
    } finally {
      await server.close();
    }
  });

  it("--list, --list-checks and --coverage send nothing and describe the suite", () => {
    const list = runCli(["conformance", "--list"]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^models-list-shape\tcore\tMODEL-001,MODEL-002\tconformance\/1\.0\/cases\/models\.yaml:\d+$/m);
    const checks = runCli(["conformance", "--list-checks"]);
    expect(checks.stdout).toMatch(/^argumentsConcatenateToValidJson$/m);
    const cov = runCli(["conformance", "--coverage"]);
    expect(cov.stdout).toMatch(/^MODEL-001\tMUST\t.*models-list-shape/m);
    expect(cov.stdout).toMatch(/^CONV-002\tMUST\tnot testable: client-side behaviour/m);
    expect([0, 1]).toContain(cov.status);
    expect(existsSync(ROOT)).toBe(true);
  });
});
