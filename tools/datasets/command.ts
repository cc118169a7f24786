import { Option, type Command } from "commander";
import { EXIT } from "../util/errors.js";
import { DATASET_FORMATS, validateDataset, type DatasetSummary } from "./validate.js";

export function registerValidateDataset(program: Command): void {
  program
    .command("validate-dataset")
    .description("check a JSONL dataset line by line (fine-tuning.md, evaluation.md): every bad line with its number and reason, then lines, tokens and labels; exit 1 if any line is invalid")
    .argument("<file.jsonl>", "the dataset (streamed: any size, constant memory)")
    .addOption(new Option("--format <format>", "the line format").choices(Object.keys(DATASET_FORMATS)).makeOptionMandatory())
    .option("--json", "print the summary as JSON (problems still go to stderr)")
    .action(async (file: string, flags: { format: string; json?: boolean }) => {
      const problemsTo = flags.json ? process.stderr : process.stdout;
      const summary = await validateDataset(file, flags.format, (p) => problemsTo.write(`${file}:${p.line}: ${p.reasons.join("; ")}\n`));
      process.stdout.write(flags.json ? JSON.stringify(summary, null, 2) + "\n" : formatSummary(summary));
      process.exitCode = summary.invalidLines > 0 || summary.validLines === 0 ? EXIT.FAILED : EXIT.OK;
    });
}

/** The plain-text summary. Pure. */
export function formatSummary(s: DatasetSummary): string {
  const out = [
    `${s.file}: ${s.invalidLines === 0 && s.validLines > 0 ? "valid" : "INVALID"} ${s.format} dataset`,
    `  lines: ${s.lines} (${s.validLines} valid, ${s.invalidLines} invalid, ${s.blankLines} blank)`,
    `  tokens: ${s.tokens} (estimate: letter runs, digit runs and other symbols)`,
  ];
  if (s.validLines === 0) out.push("  no valid line: a dataset needs at least one item");
  if (s.labels) {
    const total = Object.values(s.labels).reduce((a, b) => a + b, 0) + (s.otherLabels ?? 0);
    out.push(`  labels: ${Object.keys(s.labels).length}${s.otherLabels ? ` (+ ${s.otherLabels} lines with further labels, not counted by name)` : ""}`);
    for (const [label, n] of Object.entries(s.labels)) out.push(`    ${label}: ${n} (${((100 * n) / total).toFixed(1)}%)`);
  }
  return out.join("\n") + "\n";
}
