/**
 * The script of the GitHub Action (action.yml at the repository root): runs `lis conformance` with the
 * action's inputs, appends the Markdown report to $GITHUB_STEP_SUMMARY, prints an annotation per failed
 * clause, sets the outputs `verdict`, `exit-code` and `report`, and exits as lis conformance did. The API
 * key reaches lis through LIS_API_KEY, never the command line.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConformanceReport } from "../conformance/report.js";

export interface ActionInputs {
  baseUrl: string;
  model: string;
  apiKey: string;
  profiles: string;
  spec: string;
  expect: string;
  report: string;
  /** One `Name: value` per line. */
  headers: string;
}

/** The inputs as the composite action passes them (INPUT_<NAME>, as JavaScript actions get them). */
export function inputsFrom(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string) => (env[`INPUT_${name.replace(/-/g, "_").toUpperCase()}`] ?? "").trim();
  return { baseUrl: input("base-url"), model: input("model"), apiKey: input("api-key"), profiles: input("profiles"), spec: input("spec"), expect: input("expect"), report: input("report"), headers: input("headers") };
}

/**
 * The `lis conformance` arguments for the inputs. Reports the user asked for are kept; a JSON and a
 * Markdown report are added in `scratch` when not asked for, since the summary and annotations need them.
 */
export function conformanceArgs(inputs: ActionInputs, scratch: string): { args: string[]; json: string; markdown: string } {
  const args = ["conformance", "--progress", "plain"];
  if (inputs.baseUrl) args.push("--base-url", inputs.baseUrl);
  if (inputs.model) args.push("--model", inputs.model);
  if (inputs.profiles) args.push("--profile", inputs.profiles);
  if (inputs.spec) args.push("--spec", inputs.spec);
  if (inputs.expect) args.push("--expect", inputs.expect);
  for (const line of inputs.headers.split("\n").map((l) => l.trim()).filter(Boolean)) args.push("--header", line);
  const reports = inputs.report ? inputs.report.split(",").map((r) => r.trim()).filter(Boolean) : [];
  const given = (format: string) => reports.find((r) => r.startsWith(`${format}=`))?.slice(format.length + 1);
  const json = given("json") ?? join(scratch, "lis-report.json");
  const markdown = given("markdown") ?? join(scratch, "lis-summary.md");
  if (!given("json")) reports.push(`json=${json}`);
  if (!given("markdown")) reports.push(`markdown=${markdown}`);
  args.push("--report", reports.join(","));
  return { args, json, markdown };
}

/** `name=value` lines for $GITHUB_OUTPUT. */
export function outputLines(exitCode: number, report: Pick<ConformanceReport, "summary"> | undefined, json: string): string {
  return [`exit-code=${exitCode}`, ...(report ? [`verdict=${report.summary.verdict}`, `report=${json}`] : [])].map((l) => `${l}\n`).join("");
}

async function main(): Promise<number> {
  const inputs = inputsFrom(process.env);
  const scratch = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), "lis-action-"));
  const { args, json, markdown } = conformanceArgs(inputs, scratch);
  const cli = fileURLToPath(new URL("../cli.js", import.meta.url));
  const env = { ...process.env, ...(inputs.apiKey ? { LIS_API_KEY: inputs.apiKey } : {}) };
  const run = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env });
  const exitCode = run.status ?? 4;
  const report = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as ConformanceReport) : undefined;
  if (report) {
    const { renderGithubAnnotations } = await import("../conformance/reporters/github-actions.js");
    process.stdout.write(renderGithubAnnotations(report));
  }
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, existsSync(markdown) ? `${readFileSync(markdown, "utf8")}\n` : `## LIS conformance could not run\n\n\`lis conformance\` exited with ${exitCode} before writing a report; its log above says why.\n`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputLines(exitCode, report, json));
  return exitCode;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => (process.exitCode = code),
    (err: Error) => {
      process.stderr.write(`lis action: ${err.message}\n`);
      process.exitCode = 4;
    },
  );
}
