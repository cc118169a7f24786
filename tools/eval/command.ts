import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Option, type Command } from "commander";
import { EXIT, LisError } from "../util/errors.js";
import { DEFAULT_RETRY, requestJson } from "./http.js";
import { partialPathOf } from "./partial.js";
import { progressBar } from "./progress.js";
import type { TaskClient } from "./tasks.js";

const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new LisError(`${name} must be an integer from ${min} to ${max}, got '${value}'`, EXIT.USAGE);
  return n;
};

interface EvalFlags {
  baseUrl?: string;
  model?: string;
  task?: "classification" | "generation";
  dataset?: string;
  concurrency: number;
  limit?: number;
  report: string;
  apiKey?: string;
  seed: number;
  maxTokens: number;
  maxRetries: number;
  timeout: number;
  items: boolean;
  conformanceReport?: string;
  classifyVia: "auto" | "classifications" | "chat";
}

export function registerEval(program: Command): void {
  const evalCmd = program
    .command("eval")
    .description("evaluate a model on a JSONL dataset through a LIS endpoint and write a standard evaluation report (spec/1.0/evaluation.md)")
    .option("--base-url <url>", "the server's base URL, ending in /v1 (default: start the embedded reference server)")
    .option("--model <id>", "model id (required with --base-url; embedded: lis-tiny)")
    .addOption(new Option("--task <task>", "what the dataset is").choices(["classification", "generation"]))
    .option("--dataset <file.jsonl>", "the dataset, one JSON object per line (see evaluation.md for the line formats)")
    .option("--concurrency <n>", "requests in flight", integer("--concurrency", 1, 256), 4)
    .option("--limit <n>", "evaluate only the first n items", integer("--limit", 1, Number.MAX_SAFE_INTEGER))
    .option("--report <path>", "where the JSON report goes; <path>.partial.jsonl beside it makes a rerun resume", "eval-report.json")
    .option("--api-key <key>", "API key sent as Bearer token (or set LIS_API_KEY); never printed or written")
    .option("--seed <n>", "seed of every generation request", integer("--seed", 0, 2 ** 31 - 1), 0)
    .option("--max-tokens <n>", "max_tokens of each request (a dataset line's max_tokens wins)", integer("--max-tokens", 1, 1_000_000), 64)
    .option("--max-retries <n>", "retries of a request after 429/5xx/transport errors (exponential backoff, capped at 8 s)", integer("--max-retries", 0, 20), DEFAULT_RETRY.maxRetries)
    .option("--timeout <ms>", "per-request timeout", integer("--timeout", 1, 3_600_000), DEFAULT_RETRY.timeoutMs)
    .option("--no-items", "leave per-item results out of the report")
    .option("--conformance-report <file>", "a lis conformance JSON report of this endpoint: its verdicts for the profiles used go into the report")
    .addOption(new Option("--classify-via <how>", "classification endpoint: auto uses /classifications when the server declares the classification profile").choices(["auto", "classifications", "chat"]).default("auto"))
    .action(async (flags: EvalFlags) => {
      if (!flags.task || !flags.dataset) throw new LisError("--task and --dataset are required (or use 'lis eval compare <reports...>')", EXIT.USAGE);
      if (flags.baseUrl && !flags.model) throw new LisError("--model is required with --base-url", EXIT.USAGE);
      const apiKey = flags.apiKey ?? process.env.LIS_API_KEY;
      // Loaded only for this command, not at every `lis` start.
      const [{ formatConsole }, { runEval }, { generationClient }] = await Promise.all([import("./format/console.js"), import("./run.js"), import("./tasks.js")]);
      let server: { url: string; close(): Promise<void> } | undefined;
      if (!flags.baseUrl) {
        const { startServer } = await import("../serve/server.js");
        server = await startServer({ port: 0, host: "127.0.0.1", apiKey });
      }
      const baseUrl = flags.baseUrl ?? server!.url;
      const bar = progressBar();
      // Results are appended to the partial file as they arrive: an interruption loses only requests in flight.
      const onInterrupt = () => {
        bar.end();
        process.stderr.write(`lis: interrupted; finished items are kept in ${partialPathOf(flags.report)}: run the same command again to continue\n`);
        process.exit(130);
      };
      process.once("SIGINT", onInterrupt);
      try {
        const policy = { ...DEFAULT_RETRY, maxRetries: flags.maxRetries, timeoutMs: flags.timeout };
        const client = flags.task === "generation" ? generationClient : await classificationVia(flags.classifyVia, baseUrl, apiKey);
        const { report, resumedItems } = await runEval({
          baseUrl,
          embedded: !flags.baseUrl,
          apiKey,
          model: flags.model ?? "lis-tiny",
          client,
          datasetPath: flags.dataset,
          concurrency: flags.concurrency,
          limit: flags.limit,
          reportPath: flags.report,
          seed: flags.seed,
          maxTokens: flags.maxTokens,
          policy,
          includeItems: flags.items,
          conformanceReport: flags.conformanceReport,
          onProgress: bar.update,
        });
        bar.end();
        mkdirSync(dirname(flags.report), { recursive: true });
        writeFileSync(flags.report, JSON.stringify(report, null, 2) + "\n");
        rmSync(partialPathOf(flags.report), { force: true });
        if (resumedItems) process.stdout.write(`(resumed: ${resumedItems} item(s) from ${partialPathOf(flags.report)})\n`);
        process.stdout.write(formatConsole(report));
        process.stdout.write(`report: ${flags.report}\n`);
        const failed = (report.counts as { failed: number }).failed;
        process.exitCode = failed > 0 ? EXIT.FAILED : EXIT.OK;
      } finally {
        process.off("SIGINT", onInterrupt);
        bar.end();
        await server?.close();
      }
    });

  evalCmd
    .command("compare")
    .description("side-by-side metric table of evaluation reports (refuses reports of different datasets unless --force)")
    .argument("<reports...>", "two or more evaluation report files")
    .option("--force", "compare even when datasets, limits or tasks differ (marked as such)")
    .action(async (files: string[], flags: { force?: boolean }) => {
      if (files.length < 2) throw new LisError("give at least two reports to compare", EXIT.USAGE);
      const { formatComparison, incomparability, readReport } = await import("./compare.js");
      const reports = files.map(readReport);
      const why = incomparability(reports);
      if (why.length && !flags.force) throw new LisError(`the reports are not comparable (EVAL-005):\n${why.map((w) => `  - ${w}`).join("\n")}\nuse --force to compare anyway`, EXIT.USAGE);
      process.stdout.write(formatComparison(reports, why));
    });
}

/** Which client classifies: the classification profile's endpoint when the server declares it (discovery), else chat. */
async function classificationVia(how: EvalFlags["classifyVia"], baseUrl: string, apiKey?: string): Promise<TaskClient> {
  const { chatClassificationClient, classificationClient } = await import("./tasks.js");
  if (how === "classifications") return classificationClient;
  if (how === "chat") return chatClassificationClient;
  const discovery = await requestJson({ baseUrl: baseUrl.replace(/\/+$/, ""), apiKey, policy: { ...DEFAULT_RETRY, maxRetries: 1, timeoutMs: 10_000 } }, "GET", "/.well-known/lis");
  const profiles = discovery.ok ? (discovery.value as { profiles?: unknown }).profiles : undefined;
  return Array.isArray(profiles) && profiles.includes("classification") ? classificationClient : chatClassificationClient;
}
