import { Option, type Command } from "commander";
import { EXIT, LisError } from "../util/errors.js";
import { parseReportOption } from "../util/report-option.js";
import { writeAtomically } from "../util/write-atomically.js";
// Registering the command loads nothing heavy: the run, the reporters and their libraries load in the action.
import { parseDuration, parseLevels, parseSlo, parseWarmup } from "./options.js";

const REPORT_FORMATS = ["json", "markdown", "html"] as const;

const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new LisError(`${name} must be an integer from ${min} to ${max}, got '${value}'`, EXIT.USAGE);
  return n;
};

interface BenchFlags {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  concurrency?: string;
  rate?: string;
  arrivals: "poisson" | "gamma";
  burstiness?: string;
  seed: number;
  duration?: string;
  requests?: number;
  warmup: string;
  inputTokens: number;
  outputTokens: number;
  ignoreEos?: boolean;
  dataset?: string;
  slo?: string;
  report?: string;
  timeout: string;
  maxBodyBytes: number;
  maxInFlight: number;
  latency?: string;
}

export function registerBench(program: Command): void {
  const bench = program
    .command("bench")
    .description("measure latency and throughput of a LIS endpoint under load (spec/1.1/performance.md) and write a perf-report")
    .option("--base-url <url>", "the server's base URL, ending in /v1 (default: start the reference server, lis serve, as a child process)")
    .option("--model <id>", "model id (required with --base-url; embedded: lis-tiny)")
    .option("--api-key <key>", "API key sent as Bearer token (or set LIS_API_KEY); never printed or written")
    .option("--concurrency <list>", "closed loop: requests kept in flight, one point per level, e.g. 1,4,16 (default 1)")
    .option("--rate <list>", "open loop: requests per second, one point per level, e.g. 2,8,32")
    .addOption(new Option("--arrivals <process>", "open loop: inter-arrival times").choices(["poisson", "gamma"]).default("poisson"))
    .option("--burstiness <k>", "open loop with --arrivals gamma: the gamma shape (1 = Poisson, < 1 burstier)")
    .option("--seed <n>", "seed of the prompts and of the arrival times", integer("--seed", 0, 2 ** 31 - 1), 0)
    .option("--duration <time>", "measure each point for this long, e.g. 60s or 2m")
    .option("--requests <n>", "measure each point for this many requests (default 100 when --duration is not given)", integer("--requests", 1, 10_000_000))
    .option("--warmup <n|time>", "warm-up of each point, not measured: a number of requests or a duration (e.g. 5s)", "1s")
    .option("--input-tokens <n>", "synthetic prompts of about this many tokens", integer("--input-tokens", 1, 1_000_000), 256)
    .option("--output-tokens <n>", "max_completion_tokens of each request (dataset: lines without max_tokens)", integer("--output-tokens", 1, 1_000_000), 128)
    .option("--ignore-eos", "also send ignore_eos: true, so that servers that offer it (vLLM, llama.cpp, lis serve) generate exactly --output-tokens")
    .option("--dataset <file.jsonl>", "send the prompts of a generation dataset (lines {\"prompt\": …} or {\"messages\": […]}) in order instead of synthetic ones")
    .option("--slo <bounds>", "service-level objectives for goodput, e.g. ttft=500ms,tpot=50ms (also itl, e2e)")
    .option("--report <list>", `write reports: ${REPORT_FORMATS.map((f) => `${f}=PATH`).join(",")} (the HTML report is one self-contained page with charts)`)
    .option("--timeout <time>", "per-request timeout, e.g. 60s", "120s")
    .option("--max-body-bytes <n>", "largest response accepted", integer("--max-body-bytes", 1024, 1 << 30), 16 * 1024 * 1024)
    .option("--max-in-flight <n>", "open loop: at most this many requests in flight; one due beyond it is not sent and counts as failed (cancelled)", integer("--max-in-flight", 1, 1_000_000), 10_000)
    .option("--latency <schedule>", "embedded server only: its --latency, e.g. ttft=200ms,itl=20ms (see lis serve --help)")
    .addHelpText("after", "\nExit codes: 0 report written, every request succeeded; 1 written, some requests failed; 2 usage or input error; 3 target unreachable (report written); 130 interrupted (report of what was measured written).")
    .action(async (flags: BenchFlags) => {
      const options = await benchOptions(flags);
      const reports = flags.report ? parseReportOption(flags.report, REPORT_FORMATS) : [];
      // The charts' optional package is looked for before the load runs, not after it.
      if (reports.some(([format]) => format === "html")) await (await import("./reporters/charts.js")).loadCharting();
      const [{ runBench }, { progressReporter }, { formatConsole }, { makeRedactor }] = await Promise.all([import("./run.js"), import("./progress.js"), import("./reporters/console.js"), import("../http/redact.js")]);
      const progress = progressReporter();
      const interrupt = new AbortController();
      const onInterrupt = () => {
        progress.end();
        process.stderr.write("lis bench: interrupted; finishing the report of what was measured (Ctrl-C again to quit at once)\n");
        process.once("SIGINT", () => process.exit(130));
        interrupt.abort();
      };
      process.once("SIGINT", onInterrupt);
      process.once("SIGTERM", onInterrupt);
      try {
        const { report, exitCode } = await runBench({ ...options, onProgress: progress.update, signal: interrupt.signal });
        progress.end();
        // Belt and braces: every output passes the redactor once more, so no path can leak the key.
        const redact = makeRedactor([options.apiKey]);
        process.stdout.write(redact(formatConsole(report)));
        for (const [format, path] of reports) {
          const { render } = await import(`./reporters/${format}.js`);
          writeAtomically(path, redact(render(report)));
          process.stdout.write(`${format} report: ${path}\n`);
        }
        if (!report.complete && exitCode !== 130) process.stderr.write(`lis: ${redact(report.note ?? "the run ended early")}\n`);
        process.exitCode = exitCode;
      } finally {
        process.off("SIGINT", onInterrupt);
        process.off("SIGTERM", onInterrupt);
      }
    });

  bench
    .command("compare")
    .description("compare two perf-reports point by point: which differences are significant (Mann–Whitney U, p < 0.01, and ≥ 5 % of the median; PERF-020)")
    .argument("<baseline>", "the first report (e.g. before a change)")
    .argument("<candidate>", "the second report")
    .addOption(new Option("--format <format>", "output").choices(["text", "markdown", "json"]).default("text"))
    .option("--force", "compare points that are not comparable (PERF-019), marked as such")
    .option("--fail-on-regression", "exit 1 when a difference is a significant regression")
    .action(async (a: string, b: string, flags: { format: "text" | "markdown" | "json"; force?: boolean; failOnRegression?: boolean }) => {
      const { compareReports, formatComparison, readReport } = await import("./compare.js");
      const comparison = compareReports(readReport(a), readReport(b), { force: flags.force === true });
      process.stdout.write(formatComparison(comparison, flags.format));
      process.exitCode = flags.failOnRegression && comparison.regressions > 0 ? EXIT.FAILED : EXIT.OK;
    });

  bench
    .command("merge")
    .description("merge the perf-reports of several client machines that loaded one server at the same time (PERF-021): histograms and counts add")
    .argument("<reports...>", "two or more report files")
    .requiredOption("--out <file>", "where the merged report goes (JSON)")
    .action(async (files: string[], flags: { out: string }) => {
      if (files.length < 2) throw new LisError("give at least two reports to merge", EXIT.USAGE);
      const [{ mergeReports }, { readReport }, { formatConsole }] = await Promise.all([import("./merge.js"), import("./compare.js"), import("./reporters/console.js")]);
      const merged = mergeReports(files.map(readReport));
      writeAtomically(flags.out, JSON.stringify(merged, null, 2) + "\n");
      process.stdout.write(formatConsole(merged));
      process.stdout.write(`merged report: ${flags.out}\n`);
    });
}

/** From flags to run options: every inconsistency is a usage error before anything is sent. */
async function benchOptions(flags: BenchFlags) {
  if (flags.concurrency !== undefined && flags.rate !== undefined) throw new LisError("give either --concurrency (closed loop) or --rate (open loop), not both", EXIT.USAGE);
  if (flags.baseUrl !== undefined) {
    if (!flags.model) throw new LisError("--model is required with --base-url (the model id to send)", EXIT.USAGE);
    let url: URL;
    try {
      url = new URL(flags.baseUrl);
    } catch {
      throw new LisError(`--base-url ${flags.baseUrl} is not a URL; give e.g. http://127.0.0.1:8080/v1`, EXIT.USAGE);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new LisError(`--base-url must be http:// or https://, got ${url.protocol}`, EXIT.USAGE);
    if (url.search || url.hash) throw new LisError(`--base-url must not carry a query or fragment: ${flags.baseUrl}`, EXIT.USAGE);
    if (flags.latency !== undefined) throw new LisError("--latency applies to the embedded reference server only (no --base-url); pace your own server yourself", EXIT.USAGE);
  }
  if (flags.latency !== undefined) (await import("../serve/latency.js")).parseLatency(flags.latency);
  const method = flags.rate !== undefined ? ("open" as const) : ("closed" as const);
  const levels = method === "open" ? parseLevels(flags.rate!, "--rate") : parseLevels(flags.concurrency ?? "1", "--concurrency");
  if (flags.burstiness !== undefined && (method !== "open" || flags.arrivals !== "gamma")) throw new LisError("--burstiness applies to --rate with --arrivals gamma", EXIT.USAGE);
  let arrivals: { kind: "poisson" } | { kind: "gamma"; burstiness: number } = { kind: "poisson" };
  if (flags.arrivals === "gamma") {
    const k = Number(flags.burstiness ?? "1");
    if (!(k > 0 && k <= 100) || !/^\d+(\.\d+)?$/.test(flags.burstiness ?? "1")) throw new LisError(`--burstiness must be a number above 0 and at most 100, got '${flags.burstiness}'`, EXIT.USAGE);
    arrivals = { kind: "gamma", burstiness: k };
  }
  const stop = { requests: flags.requests ?? (flags.duration === undefined ? 100 : undefined), durationMs: flags.duration === undefined ? undefined : parseDuration(flags.duration, "--duration") };
  const model = flags.model ?? "lis-tiny";
  const apiKey = flags.apiKey ?? (process.env.LIS_API_KEY || undefined);
  const { datasetWorkload, syntheticWorkload } = await import("./workload.js");
  const workload = flags.dataset
    ? await datasetWorkload(flags.dataset, { model, outputTokens: flags.outputTokens, ignoreEos: flags.ignoreEos === true })
    : syntheticWorkload({ model, inputTokens: flags.inputTokens, outputTokens: flags.outputTokens, ignoreEos: flags.ignoreEos === true, seed: flags.seed });
  return {
    baseUrl: flags.baseUrl,
    model,
    apiKey,
    method,
    levels,
    arrivals: method === "open" ? arrivals : undefined,
    seed: flags.seed,
    warmup: parseWarmup(flags.warmup),
    stop,
    workload,
    slo: flags.slo ? parseSlo(flags.slo) : undefined,
    timeoutMs: Math.round(parseDuration(flags.timeout, "--timeout")),
    maxBodyBytes: flags.maxBodyBytes,
    maxInFlight: method === "open" ? flags.maxInFlight : undefined,
    latency: flags.latency,
  };
}

