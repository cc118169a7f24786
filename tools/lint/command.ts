import { Option, type Command } from "commander";
import { LisError, EXIT } from "../util/errors.js";
import { writeOutput } from "../util/output-file.js";
import { SEVERITIES, severityRank, type Severity } from "./findings.js";
import { FORMAT_NAMES } from "./formatters/names.js";

/** `lis lint <file...>`: lint OpenAPI definitions against LIS and Spectral's OpenAPI rules. */
export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("lint OpenAPI definitions of model APIs against the LIS standard (exit 0 clean, 1 findings, 2 input error)")
    .argument("<file...>", "OpenAPI 3.x definitions (YAML or JSON); local $refs are followed")
    .addOption(new Option("-f, --format <format>", "output format").choices([...FORMAT_NAMES]).default("stylish"))
    .option("-o, --output <path>", "write the report to this file instead of standard output")
    .addOption(new Option("--fail-severity <severity>", "lowest severity that makes the exit code 1").choices([...SEVERITIES]).default("error"))
    .option("-r, --ruleset <path>", "a Spectral ruleset to use instead of the LIS ruleset (it may extend rulesets/lis.yaml)")
    .option("--profile <profiles>", "LIS profiles to check, comma-separated (default: the document's x-lis-profiles, else inferred from its paths)")
    .option("--allow-remote-refs", "fetch http(s) $refs (default: they are reported, not fetched)")
    .option("--no-color", "no ANSI colours (also: NO_COLOR set, or output not a terminal)")
    .action(async (files: string[], opts: { format: string; output?: string; failSeverity: Severity; ruleset?: string; profile?: string; allowRemoteRefs?: boolean; color?: boolean }) => {
      const profiles = opts.profile?.split(",").map((p) => p.trim()).filter(Boolean);
      if (opts.profile !== undefined && profiles!.length === 0) throw new LisError("--profile needs at least one profile name", EXIT.USAGE);
      // Spectral is loaded only when linting, not for every `lis` command.
      const [{ lintFiles }, { formatters }] = await Promise.all([import("./lint.js"), import("./formatters/index.js")]);
      const report = await lintFiles(files, { ruleset: opts.ruleset, profiles, allowRemoteRefs: opts.allowRemoteRefs });
      // Colours only for a person at a terminal (NO_COLOR and --no-color say no), never into a file.
      const color = !opts.output && process.stdout.isTTY === true && !process.env.NO_COLOR && opts.color !== false;
      const text = formatters[opts.format]!(report, { color });
      if (opts.output) {
        writeOutput(opts.output, text, "the lint report");
      } else {
        process.stdout.write(text);
      }
      const failing = report.findings.some((f) => severityRank(f.severity) <= severityRank(opts.failSeverity));
      process.exitCode = failing ? EXIT.FAILED : EXIT.OK;
    });
}
