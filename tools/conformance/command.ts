import { createHash } from "node:crypto";
import { Option, type Command } from "commander";
import { EXIT, LisError } from "../util/errors.js";
import { checkWritable, writeOutput } from "../util/output-file.js";
import { DEFAULT_SPEC_VERSION, SPEC_VERSIONS } from "../util/paths.js";
import { parseReportOption as parseReports } from "../util/report-option.js";
import { formatClaim } from "./claim.js";
import type { ConformanceOptions } from "./conformance.js";
import type { ConformanceReport } from "./report.js";
import { PROGRESS_MODES, progressMode } from "./reporters/progress.js";

import { PER_PROFILE, REPORT_FORMATS } from "./reporters/index.js";

/** The report formats a file is written for (annotations are for a CI log: the GitHub Action prints them). */
const REPORTERS: Record<string, (typeof REPORT_FORMATS)[keyof typeof REPORT_FORMATS]> = Object.fromEntries(Object.entries(REPORT_FORMATS).filter(([name]) => name !== "github-actions"));

const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new LisError(`${name} must be an integer from ${min} to ${max}, got '${value}'`, EXIT.USAGE);
  return n;
};

/** `json=out/report.json,junit=out/junit.xml` → [[format, path]]. */
export const parseReportOption = (value: string): [string, string][] => parseReports(value, Object.keys(REPORTERS), PER_PROFILE);

/** `--header 'Name: value'` (repeatable) → headers, and the values to redact like the API key. */
export function parseHeaderOptions(values: string[], looksSecret: (name: string, value: string) => boolean): { headers: Record<string, string>; secrets: string[] } {
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  for (const raw of values) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(raw);
    if (!m) throw new LisError(`--header expects 'Name: value', e.g. --header 'X-Gateway-Team: ml'; got '${raw.replace(/:.*/s, ": …")}'`, EXIT.USAGE);
    const name = m[1].toLowerCase();
    if (/[\r\n\0]/.test(m[2])) throw new LisError(`--header ${m[1]}: the value may not contain line breaks`, EXIT.USAGE);
    if (name === "authorization") throw new LisError("--header Authorization: give the key with --api-key (or LIS_API_KEY); it is sent as a Bearer token and cases that test authentication control it", EXIT.USAGE);
    if (["host", "content-length", "transfer-encoding", "connection"].includes(name)) throw new LisError(`--header ${m[1]}: set by the HTTP client itself, not on the command line`, EXIT.USAGE);
    headers[name] = m[2];
    if (looksSecret(name, m[2])) secrets.push(m[2]);
  }
  return { headers, secrets };
}

interface CliOptions {
  baseUrl?: string;
  embeddingBaseUrl?: string;
  model?: string;
  embeddingModel?: string;
  apiKey?: string;
  header: string[];
  profile?: string;
  spec: string;
  filter?: string;
  cases?: string;
  expect?: string;
  writeBaseline?: string;
  concurrency?: number;
  timeout: number;
  deadline: number;
  maxBodyBytes: number;
  maxDepth: number;
  report?: string;
  coverage?: boolean;
  list?: boolean;
  listChecks?: boolean;
  serverFault: string[];
  serverVariant: string[];
  mutation?: boolean;
  variation?: boolean;
  color?: boolean;
  progress: string;
}

export function registerConformance(program: Command): void {
  program
    .command("conformance")
    .description("run the conformance suite against a server (default: the embedded reference server) and judge it clause by clause")
    .option("--base-url <url>", "the server's base URL, ending in /v1 (default: start the embedded reference server)")
    .option("--embedding-base-url <url>", "where the embeddings cases go, when another server embeds (default: --base-url)")
    .option("--model <id>", "model id for chat cases (required with --base-url; embedded: lis-tiny)")
    .option("--embedding-model <id>", "model id for embedding cases (default: --model)")
    .option("--api-key <key>", "API key sent as Bearer token (or set LIS_API_KEY); never printed or written")
    .addOption(new Option("--header <header>", "'Name: value' sent on every request (repeatable), e.g. a gateway's own header; values that look like secrets are redacted like the key").argParser((v: string, acc: string[] = []) => [...acc, v]).default([]))
    .option("--profile <list>", "profiles the server claims, comma-separated (default: all; core is always included)")
    .option("--spec <version>", `spec version whose frozen requirement set to test (${SPEC_VERSIONS.join(", ")}; 1.1 is a draft)`, DEFAULT_SPEC_VERSION)
    .option("--filter <globs>", "run only cases whose id matches (comma-separated globs, !glob excludes)")
    .option("--cases <path>", "a case folder or file instead of conformance/<spec>/cases")
    .option("--expect <file>", "baseline of expected failures (YAML: expected-failures: [{clause|case, reason}])")
    .option("--write-baseline <file>", "write this run's failures as a baseline file")
    .option("--concurrency <n>", "cases run at once (default: 1 with --base-url, so that a run is one fixed sequence of requests and can be reproduced; 4 against the embedded server)", integer("--concurrency", 1, 256))
    .option("--timeout <ms>", "per-request timeout", integer("--timeout", 1, 3_600_000), 30_000)
    .option("--deadline <ms>", "deadline of the whole run", integer("--deadline", 1, 86_400_000), 600_000)
    .option("--max-body-bytes <n>", "response-size cap", integer("--max-body-bytes", 1024, 1 << 30), 8 * 1024 * 1024)
    .option("--max-depth <n>", "deepest nesting of a JSON response accepted; deeper ends the case as error", integer("--max-depth", 1, 10_000), 64)
    .option("--report <list>", "write reports: json=PATH,junit=PATH,markdown=PATH,html=PATH (one self-contained page),badge=PATH (SVG),badge-json=PATH (shields.io endpoint),matrix-row=PATH (a row of the compatibility matrix, see lis compatibility); {profile} in a badge path writes one per profile")
    .addOption(new Option("--progress <mode>", "progress on stderr: tty (a live line), plain (a line per profile and every 10 s, for CI logs), none; auto picks tty on a terminal").choices([...PROGRESS_MODES]).default("auto"))
    .option("--coverage", "print, per clause, the cases that test it (sends nothing); exit 1 if a testable clause has none")
    .option("--list", "check the case files and list the cases (sends nothing)")
    .option("--list-checks", "list the named check functions and their arguments")
    .addOption(new Option("--server-fault <clause>", "embedded server only: violate this clause (repeatable; see lis serve --list-faults)").argParser((v: string, acc: string[] = []) => [...acc, v]).default([]))
    .addOption(new Option("--server-variant <name>", "embedded server only: use this legal variation of behaviour (repeatable; see lis serve --list-variants)").argParser((v: string, acc: string[] = []) => [...acc, v]).default([]))
    .option("--mutation", "self-test of the suite: run it once per fault of the embedded server (lis serve --list-faults) and print the mutation score; exit 1 unless every fault is caught under its own clause alone")
    .option("--variation", "self-test of the suite: run it once per variant of the embedded server (lis serve --list-variants) and print the variation score; exit 1 unless every variant passes with no clause failed and no case errored")
    .option("--no-color", "no ANSI colours")
    .addHelpText("after", "\nExit codes: 0 as expected, 1 a MUST clause failed unexpectedly (or a case errored, the target went down, or a stale baseline), 2 usage/config/case-file error or a misconfiguration the pre-flight found, 3 target unreachable, 130 interrupted (143 on SIGTERM). Every requested report is written on every exit after the cases load.\nCase format: conformance/README.md")
    .action(async (opts: CliOptions) => {
      // The runner, its checks and Ajv load when the command runs, not at every `lis` start.
      const [{ loadSuite, runConformance }, { progressLine, renderConsole }] = await Promise.all([import("./conformance.js"), import("./reporters/console.js")]);
      if (opts.listChecks) {
        const { allChecks } = await import("./checks/index.js");
        for (const c of allChecks) process.stdout.write(`${c.name}\n  ${c.description}\n  args: ${c.args ? JSON.stringify((c.args as { properties?: unknown }).properties ?? {}) : "none"}\n`);
        return;
      }
      const profiles = opts.profile?.split(",").map((p) => p.trim()).filter(Boolean);
      if (opts.list || opts.coverage) {
        const suite = loadSuite({ spec: opts.spec, cases: opts.cases, profiles });
        if (opts.list) {
          for (const c of suite.cases) process.stdout.write(`${c.id}\t${c.profile}\t${c.clauses.join(",")}\t${c.source.file}:${c.source.line}\n`);
          process.stdout.write(`${suite.cases.length} cases\n`);
          return;
        }
        const { coverage } = await import("./verdicts.js");
        const cov = coverage(suite.cases);
        let uncovered = 0;
        for (const clause of suite.clauses) {
          if (clause.withdrawn || !suite.profiles.includes(clause.profile)) continue;
          const ids = cov.get(clause.id) ?? [];
          const state = ids.length > 0 ? ids.join(", ") : clause.testable ? "UNCOVERED" : `not testable: ${clause.notTestableReason ?? ""}`;
          if (ids.length === 0 && clause.testable) uncovered++;
          process.stdout.write(`${clause.id}\t${clause.level}\t${state}\n`);
        }
        process.stdout.write(`${uncovered} testable clause(s) without a case\n`);
        process.exitCode = uncovered > 0 ? EXIT.FAILED : EXIT.OK;
        return;
      }
      // Both self-tests run the suite many times against the embedded server, a few runs at once.
      const selfTest = {
        spec: opts.spec,
        parallel: Math.max(1, Math.floor((opts.concurrency ?? 4) / 2)),
        run: { spec: opts.spec, cases: opts.cases, profiles, concurrency: 4, timeoutMs: Math.min(opts.timeout, 10_000), deadlineMs: opts.deadline },
      };
      if (opts.mutation) {
        if (opts.baseUrl) throw new LisError("--mutation runs against the embedded reference server (no --base-url)", EXIT.USAGE);
        const { listFaults } = await import("../serve/faults/index.js");
        const { formatMutation, runMutation } = await import("./mutation.js");
        const keep = opts.filter ? (await import("./conformance.js")).globFilter(opts.filter) : () => true;
        const faults = listFaults().filter((f) => keep(f.clause)).map((f) => ({ clause: f.clause, description: f.description }));
        const m = await runMutation({
          ...selfTest,
          faults,
          onFault: process.stderr.isTTY ? (o) => process.stderr.write(`${o.detected ? "✓" : "✗"} ${o.clause}\n`) : undefined,
        });
        process.stdout.write(formatMutation(m));
        process.exitCode = m.precise === m.faults.length ? EXIT.OK : EXIT.FAILED;
        return;
      }
      if (opts.variation) {
        if (opts.baseUrl) throw new LisError("--variation runs against the embedded reference server (no --base-url)", EXIT.USAGE);
        const { listVariants } = await import("../serve/variants/index.js");
        const { formatVariation, loadKnownVariations, runVariation } = await import("./variation.js");
        const keep = opts.filter ? (await import("./conformance.js")).globFilter(opts.filter) : () => true;
        const variants = listVariants().filter((v) => keep(v.name));
        if (variants.length === 0) throw new LisError(`no variant matches --filter ${opts.filter}; run 'lis serve --list-variants'`, EXIT.USAGE);
        const r = await runVariation({
          ...selfTest,
          variants,
          onVariant: process.stderr.isTTY ? (o) => process.stderr.write(`${o.accepted ? "✓" : "✗"} ${o.name}\n`) : undefined,
        });
        process.stdout.write(formatVariation(r, loadKnownVariations(opts.spec)));
        process.exitCode = r.accepted === r.variants.length ? EXIT.OK : EXIT.FAILED;
        return;
      }
      const reports = opts.report ? parseReportOption(opts.report) : [];
      const apiKey = opts.apiKey ?? (process.env.LIS_API_KEY || undefined);
      if (opts.serverFault.length > 0 && opts.baseUrl) throw new LisError("--server-fault applies to the embedded server only (no --base-url)", EXIT.USAGE);
      const [{ makeRedactor, looksSecret }, { baselineFromRun }] = await Promise.all([import("../http/redact.js"), import("./baseline.js")]);
      if (opts.serverVariant.length > 0 && opts.baseUrl) throw new LisError("--server-variant applies to the embedded server only (no --base-url)", EXIT.USAGE);
      const { headers, secrets } = parseHeaderOptions(opts.header, looksSecret);
      // Before anything is sent: a report that cannot be written is a usage error now, not after the run.
      for (const [format, path] of reports) checkWritable(path.replaceAll("{profile}", "core"), `the ${format} report`);
      if (opts.writeBaseline) checkWritable(opts.writeBaseline, "the baseline");
      const mode = progressMode(opts.progress, process.stderr.isTTY === true);
      const live = mode === "tty";
      const style = { color: opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR };
      const plain = mode === "plain" ? await plainProgress() : undefined;
      const options: ConformanceOptions = {
        baseUrl: opts.baseUrl,
        embeddingBaseUrl: opts.embeddingBaseUrl,
        model: opts.model,
        embeddingModel: opts.embeddingModel,
        apiKey,
        headers,
        secrets,
        profiles,
        spec: opts.spec,
        filter: opts.filter,
        cases: opts.cases,
        expect: opts.expect,
        concurrency: opts.concurrency,
        timeoutMs: opts.timeout,
        deadlineMs: opts.deadline,
        maxBodyBytes: opts.maxBodyBytes,
        serverFaults: opts.serverFault,
        serverVariants: opts.serverVariant,
        onRunStart: plain?.start,
        onCaseDone: live ? (r, done, total) => process.stderr.write(`\r\x1b[K${progressLine(r, done, total, { color: style.color })}${r.status === "pass" ? "" : "\n"}`) : plain?.caseDone,
      };
      // Ctrl-C (or a CI runner's SIGTERM) stops the run, not the process: the partial reports are written.
      // A second one quits at once.
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (stop.signal.aborted) process.exit(signal === "SIGTERM" ? 143 : 130);
        process.stderr.write(`${live ? "\r\x1b[K" : ""}lis: interrupted (${signal}): stopping; the partial reports will be written (${signal === "SIGINT" ? "Ctrl-C" : signal} again to quit at once)\n`);
        stop.abort({ kind: "aborted", message: `interrupted (${signal})` });
      };
      process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
      let report: ConformanceReport;
      try {
        ({ report } = await runConformance({ ...options, maxDepth: opts.maxDepth, signal: stop.signal }));
      } finally {
        process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
        plain?.stop();
      }
      if (live) process.stderr.write("\r\x1b[K");
      // Belt and braces: every output passes the redactor once more, so no path can leak the key.
      const redact = makeRedactor([apiKey, ...secrets]);
      const run = report.run;
      // The pre-flight's verdict is one line; a run that got to its cases prints its summary, however it ended.
      const preflightOnly = run.status === "unreachable" || run.status === "misconfigured";
      // Reports first: a file that cannot be written after all (a full disk) is said before the verdict.
      let written: { path: string; sha256: string } | undefined;
      for (const [format, path] of reports) {
        const render = await REPORTERS[format]();
        const profiles = path.includes("{profile}") ? report.profileVerdicts.map((p) => p.profile) : [undefined];
        for (const profile of profiles) {
          const text = redact(render(report, profile));
          writeOutput(profile ? path.replaceAll("{profile}", profile) : path, text, `the ${format} report`);
          // The published claim names the JSON report by its hash (conventions.md, Conformance claims).
          if (format === "json") written = { path, sha256: createHash("sha256").update(text).digest("hex") };
        }
      }
      if (opts.writeBaseline) {
        // A baseline records every failure of a whole run: one that ended early would silently drop the rest.
        if (run.status === "complete") writeOutput(opts.writeBaseline, redact(baselineFromRun(report.spec, report.clauses, report.cases)), "the baseline");
        else process.stderr.write(`lis: ${opts.writeBaseline} not written: the run did not complete (${run.status})\n`);
      }
      if (preflightOnly) process.stderr.write(redact(`lis: ${run.reason}\n`));
      else {
        process.stdout.write(redact(renderConsole(report, style)));
        process.stdout.write(redact(formatClaim(report.claim, written)));
      }
      if (run.status === "interrupted") process.stderr.write(`lis: interrupted: ${reports.length > 0 ? `partial reports written: ${reports.map(([, path]) => path).join(", ")}` : "no report was requested (--report)"}\n`);
      process.exitCode = report.summary.exitCode;
    });
}

/** Plain progress lines on stderr (CI logs): a line per finished profile, a heartbeat every 10 s of silence. */
async function plainProgress() {
  const { PlainProgress } = await import("./reporters/progress.js");
  let tracker: InstanceType<typeof PlainProgress> | undefined;
  const timer = setInterval(() => tracker && process.stderr.write(tracker.tick(performance.now())), 1000);
  timer.unref();
  return {
    start: (cases: { profile: string }[]) => {
      tracker = new PlainProgress(cases, performance.now());
      process.stderr.write(tracker.start());
    },
    caseDone: (r: Parameters<InstanceType<typeof PlainProgress>["caseDone"]>[0]) => {
      if (tracker) process.stderr.write(tracker.caseDone(r, performance.now()));
    },
    stop: () => clearInterval(timer),
  };
}
