import { countBySeverity, printPath, type LintReport, messageWithClause } from "../findings.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** A Markdown report for CI step summaries and pull-request comments: a summary line and one table row per finding. */
export function formatMarkdown(report: LintReport): string {
  const counts = countBySeverity(report.findings);
  const out = [`## lis lint: ${report.files.map((f) => `\`${f}\``).join(", ")}`, ""];
  if (report.findings.length === 0) return `${out.join("\n")}No problems found.\n`;
  out.push(
    `${counts.error} errors, ${counts.warn} warnings, ${counts.info} infos, ${counts.hint} hints`,
    "",
    "| Severity | Rule | Clause | Location | Path | Message |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const f of report.findings) {
    out.push(`| ${f.severity} | \`${f.rule}\` | ${f.clause ?? ""} | ${cell(f.file)}:${f.line}:${f.column} | \`${cell(printPath(f.path))}\` | ${cell(messageWithClause(f))} |`);
  }
  return `${out.join("\n")}\n`;
}
