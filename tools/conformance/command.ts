import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { formatClaim } from "./claim.js";
import { dirname } from "node:path";
import { Option, type Command } from "commander";
import { EXIT, LisError } from "../util/errors.js";
import { DEFAULT_SPEC_VERSION, SPEC_VERSIONS } from "../util/paths.js";
import { parseReportOption as parseReports } from "../util/report-option.js";
import type { ConformanceOptions } from "./conformance.js";
import type { ConformanceReport } from "./report.js";
import { renderJson } from "./reporters/json.js";
import { renderJunit } from "./reporters/junit.js";
import { renderMarkdown } from "./reporters/markdown.js";
import { renderBadge } from "./reporters/badge.js";
import { renderHtml } from "./reporters/html.js";

const REPORTERS: Record<string, (r: ConformanceReport) => string> = { json: renderJson, junit: renderJunit, markdown: renderMarkdown, html: renderHtml, badge: renderBadge };

const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new LisError(`${name} must be an integer from ${min} to ${max}, got '${value}'`, EXIT.USAGE);
  return n;
};

/** `json=out/report.json,junit=out/junit.xml` → [[format, path]]. */
export const parseReportOption = (value: string): [string, string][] => parseReports(value, Object.keys(REPORTERS));

interface CliOptions {
  baseUrl?: string;
  embeddingBaseUrl?: string;
  model?: string;
  embeddingModel?: string;
  apiKey?: string;
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
  report?: string;
  coverage?: boolean;
  list?: boolean;
  listChecks?: boolean;
  serverFault: string[];
  serverVariant: string[];
  mutation?: boolean;
  variation?: boolean;
  color?: boolean;
}

function write(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (err) {
    throw new LisError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, EXIT.USAGE);
  }
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
    .option("--report <list>", "write reports: json=PATH,junit=PATH,markdown=PATH,html=PATH (one self-contained page),badge=PATH (SVG)")
    .option("--coverage", "print, per clause, the cases that test it (sends nothing); exit 1 if a testable clause has none")
    .option("--list", "check the case files and list the cases (sends nothing)")
    .option("--list-checks", "list the named check functions and their arguments")
    .addOption(new Option("--server-fault <clause>", "embedded server only: violate this clause (repeatable; see lis serve --list-faults)").argParser((v: string, acc: string[] = []) => [...acc, v]).default([]))
    .addOption(new Option("--server-variant <name>", "embedded server only: use this legal variation of behaviour (repeatable; see lis serve --list-variants)").argParser((v: string, acc: string[] = []) => [...acc, v]).default([]))
    .option("--mutation", "self-test of the suite: run it once per fault of the embedded server (lis serve --list-faults) and print the mutation score; exit 1 unless every fault is caught under its own clause alone")
    .option("--variation", "self-test of the suite: run it once per variant of the embedded server (lis serve --list-variants) and print the variation score; exit 1 unless every variant passes with no clause failed and no case errored")
    .option("--no-color", "no ANSI colours")
    .addHelpText("after", "\nExit codes: 0 as expected, 1 a MUST clause failed unexpectedly (or a case errored, or a stale baseline), 2 usage/config/case-file error, 3 target unreachable.\nCase format: conformance/README.md")
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
      if (opts.serverVariant.length > 0 && opts.baseUrl) throw new LisError("--server-variant applies to the embedded server only (no --base-url)", EXIT.USAGE);
      const live = process.stderr.isTTY === true;
      const style = { color: opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR };
      const options: ConformanceOptions = {
        baseUrl: opts.baseUrl,
        embeddingBaseUrl: opts.embeddingBaseUrl,
        model: opts.model,
        embeddingModel: opts.embeddingModel,
        apiKey,
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
        onCaseDone: live ? (r, done, total) => process.stderr.write(`\r\x1b[K${progressLine(r, done, total, { color: style.color })}${r.status === "pass" ? "" : "\n"}`) : undefined,
      };
      const { report } = await runConformance(options);
      const [{ makeRedactor }, { baselineFromRun }] = await Promise.all([import("../http/redact.js"), import("./baseline.js")]);
      if (live) process.stderr.write("\r\x1b[K");
      // Belt and braces: every output passes the redactor once more, so no path can leak the key.
      const redact = makeRedactor([apiKey]);
      process.stdout.write(redact(renderConsole(report, style)));
      let written: { path: string; sha256: string } | undefined;
      for (const [format, path] of reports) {
        const text = redact(REPORTERS[format](report));
        write(path, text);
        if (format === "json") written = { path, sha256: createHash("sha256").update(text).digest("hex") };
      }
      process.stdout.write(redact(formatClaim(report.claim, written)));
      if (opts.writeBaseline) write(opts.writeBaseline, redact(baselineFromRun(report.spec, report.clauses, report.cases)));
      process.exitCode = report.summary.exitCode;
    });
}
