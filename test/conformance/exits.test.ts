// Every exit of `lis conformance` writes every requested report, tested as a subprocess for each exit code
// and each way a run ends: 0, 1, 2 after the pre-flight's one-line diagnosis, 3 unreachable, a target that
// goes down, the run's deadline, and Ctrl-C / SIGTERM (partial reports, 130 / 143).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { runCliAsync } from "../support/cli.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";
import { everyReport, reportProblems, secretPieces } from "./requested-reports.js";

const fixture = (name: string) => join("test", "conformance", "fixtures", name);
const { fake } = fakesClosedAfterEach();
let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lis-exits-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with every report requested; returns the run and the reports, checked for validity. */
async function run(args: string[], options: Parameters<typeof runCliAsync>[1] = {}) {
  const { option, paths } = everyReport(join(dir, `run-${++n}`));
  const r = await runCliAsync(["conformance", ...args, "--report", option], { timeoutMs: 100_000, ...options });
  const reports = reportProblems(paths);
  expect(reports.problems).toEqual([]);
  const text = (format: "junit" | "markdown" | "html") => readFileSync(paths[format], "utf8");
  return { ...r, report: reports.json!, texts: reports.texts, junit: text("junit"), markdown: text("markdown"), html: text("html") };
}

/** A free port that nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** A target that answers the pre-flight (GET /models naming model m) and treats everything else with `rest`. */
const target = (rest: Parameters<typeof fake>[0]) =>
  fake((req, res) => (req.method === "GET" && req.url === "/v1/models" ? json(res, 200, { object: "list", data: [{ id: "m", object: "model", created: 1, owned_by: "x" }] }) : rest(req, res)));

describe("every exit writes every requested report (subprocess)", () => {
  it("0 and 1: a complete run", async () => {
    const ok = await run(["--cases", fixture("pass.yaml")]);
    expect([ok.status, ok.report.run, ok.report.summary.exitCode]).toEqual([0, { status: "complete" }, 0]);
    const failed = await run(["--cases", fixture("fail.yaml")]);
    expect([failed.status, failed.report.run.status, failed.report.summary.exitCode]).toEqual([1, "complete", 1]);
    expect(failed.junit).not.toMatch(/lis\.conformance\.run/);
  });

  it("3: no HTTP answer to the pre-flight; one line, and reports that say so", async () => {
    const base = `http://127.0.0.1:${await closedPort()}/v1`;
    const r = await run(["--base-url", base, "--model", "m"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^lis: cannot reach ${base.replace(/[./]/g, "\\$&")}: connect: cannot connect: .*ECONNREFUSED.*\\n$`));
    expect(r.report.run).toEqual({ status: "unreachable", reason: r.stderr.slice(5).trim() });
    expect([r.report.summary.exitCode, r.report.cases]).toEqual([3, []]);
    expect(r.junit).toMatch(/<testcase name="run" classname="lis\.conformance\.run"[^>]*>\s*<error message="the run ended early \(unreachable\): cannot reach/);
    expect(r.markdown).toMatch(/conformance could not run \(unreachable\)[\s\S]*: cannot reach[\s\S]*No case was sent/);
    expect(r.html).toMatch(/The run ended early \(unreachable\):<\/strong> cannot reach/);
  });

  describe("2: the pre-flight's diagnosis, in one line, before any case runs", () => {
    let keyed: RunningServer;
    const key = "sk-exits-SECRET-7777777";
    beforeAll(async () => {
      keyed = await startServer({ port: 0, host: "127.0.0.1", apiKey: key });
    });
    afterAll(() => keyed.close());

    const diagnosed = async (args: string[], line: RegExp, env: Record<string, string> = {}) => {
      const r = await run(args, { env });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^lis: [^\n]+\n$/);
      expect(r.stderr).toMatch(line);
      expect(r.report.run.status).toBe("misconfigured");
      expect(r.report.run.reason).toBe(r.stderr.slice(5).trim());
      expect([r.report.summary.exitCode, r.report.cases.length]).toEqual([2, 0]);
      expect(r.junit).toMatch(/<error message="the run ended early \(misconfigured\): /);
      expect(r.markdown).toContain(r.report.run.reason!.replace(/\|/g, "\\|"));
      expect(secretPieces(key, [r.stdout, r.stderr, ...r.texts])).toEqual([]);
      return r;
    };

    it("no API key, or a wrong one: pass --api-key", async () => {
      await diagnosed(["--base-url", keyed.url, "--model", "lis-tiny"], /the server requires an API key \(GET \/models answered 401, GET \/\.well-known\/lis 401\): pass --api-key KEY or set LIS_API_KEY/);
      await diagnosed(["--base-url", keyed.url, "--model", "lis-tiny"], /the server refused the API key .*: check --api-key or LIS_API_KEY/, { LIS_API_KEY: "sk-wrong-key-123456" });
    });

    it("a base URL without /v1", async () => {
      const origin = keyed.url.replace(/\/v1$/, "");
      await diagnosed(["--base-url", origin, "--model", "lis-tiny"], new RegExp(`the base URL lacks /v1: GET ${origin}/v1/models answers 200 with a model list \\(GET ${origin}/models: 404\\); pass --base-url ${origin}/v1`), { LIS_API_KEY: key });
    });

    it("a model the server does not serve: the ones it lists", async () => {
      await diagnosed(["--base-url", keyed.url, "--model", "lis-tony"], /--model lis-tony is not a model of this server \(GET \/models does not list it, and a request with it answered 404\); it lists: lis-tiny$/m, { LIS_API_KEY: key });
      await diagnosed(["--base-url", keyed.url, "--model", "lis-tiny", "--embedding-model", "emb"], /--embedding-model emb is not a model of this server/, { LIS_API_KEY: key });
    });

    it("but a model the server serves without listing it is MODEL-006's to judge, not a misconfiguration", async () => {
      const unlisted = await startServer({ port: 0, host: "127.0.0.1", faults: ["MODEL-006"] });
      try {
        const r = await run(["--base-url", unlisted.url, "--model", "lis-tiny", "--filter", "models-*"]);
        expect(r.report.run.status).toBe("complete");
        expect(r.report.clauses.find((c) => c.id === "MODEL-006")?.verdict).toBe("fail");
      } finally {
        await unlisted.close();
      }
    });
  });

  it("1: the target goes down mid-run: the run stops, names the last request, and counts the rest in one line", async () => {
    const server = await target(() => undefined); // every case request hangs
    const baseline = join(dir, "down-baseline.yaml");
    const r = await run(["--base-url", server.url, "--model", "m", "--profile", "core", "--timeout", "500", "--write-baseline", baseline]);
    expect(r.status).toBe(1);
    // A baseline from a run that did not complete would drop every failure it never reached.
    expect(existsSync(baseline)).toBe(false);
    expect(r.stderr).toContain(`lis: ${baseline} not written: the run did not complete (target-down)`);
    expect(r.report.run.status).toBe("target-down");
    expect(r.report.run.reason).toMatch(/^target down: \d+ requests in a row got no complete answer within their timeout \(it hangs\); the last request sent before it stopped answering was case [a-z0-9-]+, step [a-z0-9-]+/);
    expect(r.report.run.lastRequest?.request).toMatch(/^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) http:\/\/127\.0\.0\.1:\d+\/v1\//);
    const unfinished = r.report.cases.filter((c) => c.unfinished);
    expect(unfinished.length).toBeGreaterThan(50);
    // The console says it in one line: no line per unfinished case.
    expect(r.stdout.match(/case\(s\) not judged: target down/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/^Run ended early \(target-down\): target down: /m);
    for (const c of unfinished.slice(0, 20)) expect(r.stdout).not.toMatch(new RegExp(`^  ! ${c.id} `, "m"));
    expect(r.markdown.match(/not judged: target down/g)).toHaveLength(1);
    // JUnit: the judged cases, and one errored testcase for the run.
    expect(r.junit.match(/<testcase /g)).toHaveLength(r.report.cases.length - unfinished.length + 1);
    expect(r.junit).toMatch(/<error message="the run ended early \(target-down\): target down: /);
    // Far fewer requests than cases: it stopped sending.
    expect(server.requests.length).toBeLessThan(20);
  });

  it("1: the run's deadline", async () => {
    const server = await target((_req, res) => void setTimeout(() => json(res, 200, { object: "list", data: [] }), 300));
    const r = await run(["--base-url", server.url, "--model", "m", "--profile", "core", "--deadline", "1500", "--concurrency", "2"]);
    expect(r.status).toBe(1);
    expect(r.report.run).toEqual({ status: "deadline", reason: "the run's deadline of 1500 ms passed (--deadline)" });
    expect(r.stdout.match(/case\(s\) not judged: deadline/g)).toHaveLength(1);
  });

  for (const [signal, code, note] of [["SIGINT", 130, "Ctrl-C"], ["SIGTERM", 143, "SIGTERM"]] as const) {
    it(`${code}: ${signal} writes the partial reports and says so`, async () => {
      const server = await target((_req, res) => void setTimeout(() => json(res, 200, { object: "list", data: [] }), 50));
      let sent = false;
      const r = await run(["--base-url", server.url, "--model", "m", "--profile", "core"], {
        onSpawn: (child) => {
          // Interrupt once the run is well under way (some cases judged, many to go).
          const timer = setInterval(() => {
            if (server.requests.length >= 12 && !sent) {
              sent = true;
              clearInterval(timer);
              child.kill(signal);
            }
          }, 10);
          child.on("close", () => clearInterval(timer));
        },
      });
      expect(sent).toBe(true);
      expect(r.status).toBe(code);
      expect(r.stderr).toContain(`lis: interrupted (${signal}): stopping; the partial reports will be written (${note} again to quit at once)`);
      expect(r.stderr).toMatch(/lis: interrupted: partial reports written: .*report\.json, .*junit\.xml/);
      expect(r.report.run).toEqual({ status: "interrupted", reason: `interrupted (${signal}): the report holds the cases judged before it`, exitCode: code });
      expect(r.report.summary.exitCode).toBe(code);
      expect(r.report.cases.filter((c) => !c.unfinished).length).toBeGreaterThan(0);
      expect(r.report.cases.filter((c) => c.unfinished).length).toBeGreaterThan(0);
    });
  }
});
