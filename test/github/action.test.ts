import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { conformanceArgs, inputsFrom, outputLines } from "../../tools/github/action.js";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { ROOT } from "../../tools/util/paths.js";
import { runNodeAsync } from "../support/cli.js";

// The GitHub Action as a runner runs it: the composite action's script, with the inputs as INPUT_*
// variables, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT pointing at files, against a real server.
const SCRIPT = join(ROOT, "dist", "tools", "github", "action.js");
const KEY = "sk-action-Q7vL2mX9pR4tW8zK";
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { required: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { run: string; env?: Record<string, string>; "working-directory"?: string }[] };
};

let dir: string;
let healthy: RunningServer;
let broken: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lis-action-"));
  healthy = await startServer({ port: 0, host: "127.0.0.1", apiKey: KEY });
  broken = await startServer({ port: 0, host: "127.0.0.1", apiKey: KEY, faults: ["CHAT-018"] });
});
afterAll(async () => {
  await Promise.all([healthy.close(), broken.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the action's script in a fresh workspace; returns what the runner would see. */
async function runAction(name: string, inputs: Record<string, string>) {
  const workspace = join(dir, name);
  const summary = join(dir, `${name}.summary.md`);
  const output = join(dir, `${name}.output`);
  writeFileSync(summary, "earlier step's summary\n");
  writeFileSync(output, "");
  const env: Record<string, string> = { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: dir, GITHUB_ACTIONS: "true" };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/-/g, "_").toUpperCase()}`] = v;
  const { mkdirSync } = await import("node:fs");
  mkdirSync(workspace, { recursive: true });
  const r = await runNodeAsync(SCRIPT, [], { env, cwd: workspace });
  const outputs = Object.fromEntries(readFileSync(output, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { ...r, workspace, summary: readFileSync(summary, "utf8"), outputs };
}

describe("action.yml", () => {
  it("is a composite action with the inputs the issue names, each passed to the script as INPUT_*", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["base-url", "model", "api-key", "profiles", "spec", "expect", "report"]));
    const step = action.runs.steps.find((s) => s.run.includes("dist/tools/github/action.js"))!;
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/dist/tools/github/action.js"');
    for (const name of Object.keys(action.inputs)) expect(step.env?.[`INPUT_${name.replace(/-/g, "_").toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
    expect(action.runs.steps[0]).toMatchObject({ run: expect.stringMatching(/^npm ci /), "working-directory": "${{ github.action_path }}" });
    expect(Object.keys(action.outputs)).toEqual(["verdict", "exit-code", "report"]);
    expect(existsSync(SCRIPT)).toBe(true);
  });

  it("the README's example workflow uses this action with inputs it declares", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const workflow = /```yaml\n(# \.github\/workflows\/[\s\S]*?)```/.exec(readme)?.[1];
    expect(workflow).toBeDefined();
    const steps = (parse(workflow!) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> }).jobs.conformance.steps;
    const ours = steps.find((s) => s.uses?.startsWith("lis-standard/lis@"))!;
    for (const input of Object.keys(ours.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(ours.with?.["api-key"]).toBe("${{ secrets.LIS_API_KEY }}");
  });
});

describe("the action's script", () => {
  it("a failing server: exit 1, the Markdown summary appended, an ::error per failed MUST clause, the outputs set, the key nowhere", async () => {
    const r = await runAction("failing", { "base-url": broken.url, model: "lis-tiny", "api-key": KEY, profiles: "core", report: "html=out/lis-report.html" });
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/^earlier step's summary\n## ❌ LIS 1\.0 conformance: not conformant/);
    expect(r.summary).toMatch(/\| \*\*CHAT-018\*\* \| MUST \|/);
    expect(r.stdout).toMatch(/^::error title=LIS 1\.0 CHAT-018 \(MUST%2C core\)::Every choice MUST carry a `finish_reason`.* Root cause: .*e\.g\. case [a-z0-9-]+\.$/m);
    expect(r.stdout).not.toMatch(/^::error title=LIS 1\.0 (?!CHAT-018)/m);
    expect(r.outputs).toEqual({ "exit-code": "1", verdict: "not-conformant", report: expect.stringMatching(/lis-report\.json$/) });
    expect(JSON.parse(readFileSync(r.outputs.report, "utf8")).summary.verdict).toBe("not-conformant");
    expect(existsSync(join(r.workspace, "out", "lis-report.html"))).toBe(true);
    for (const text of [r.stdout, r.stderr, r.summary, readFileSync(r.outputs.report, "utf8")]) expect(text).not.toContain(KEY.slice(3, 12));
  }, 60_000);

  it("a conformant server: exit 0, no annotation, verdict conformant", async () => {
    const r = await runAction("passing", { "base-url": healthy.url, model: "lis-tiny", "api-key": KEY, profiles: "core", report: "json=lis.json" });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/^::(error|warning)/m);
    expect(r.summary).toMatch(/## ✅ LIS 1\.0 conformance: conformant/);
    expect(r.outputs).toEqual({ "exit-code": "0", verdict: "conformant", report: "lis.json" });
    expect(existsSync(join(r.workspace, "lis.json"))).toBe(true);
  }, 60_000);

  it("an unreachable server: exit 3, the summary says it could not run", async () => {
    const r = await runAction("unreachable", { "base-url": "http://127.0.0.1:9/v1", model: "m" });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/v1/);
    expect(r.summary).toMatch(/LIS 1\.0 conformance could not run[\s\S]*cannot reach http:\/\/127\.0\.0\.1:9\/v1[\s\S]*No case was sent\. Exit code 3\./);
    expect(r.summary).not.toMatch(/\| Profile \|/);
    expect(r.outputs["exit-code"]).toBe("3");
  }, 60_000);

  it("maps inputs to arguments: headers one per line, the user's reports kept, JSON and Markdown added where missing", () => {
    const inputs = inputsFrom({ INPUT_BASE_URL: " http://h/v1 ", INPUT_MODEL: "m", INPUT_HEADERS: "X-A: 1\n\n  X-B: two  \n", INPUT_REPORT: "markdown=s.md, junit=j.xml", INPUT_API_KEY: "k" });
    const { args, json, markdown } = conformanceArgs(inputs, "/tmp/x");
    expect(args).toEqual(["conformance", "--progress", "plain", "--base-url", "http://h/v1", "--model", "m", "--header", "X-A: 1", "--header", "X-B: two", "--report", "markdown=s.md,junit=j.xml,json=/tmp/x/lis-report.json"]);
    expect(args.join(" ")).not.toContain("k ");
    expect([json, markdown]).toEqual(["/tmp/x/lis-report.json", "s.md"]);
    expect(outputLines(2, undefined, json)).toBe("exit-code=2\n");
  });
});
