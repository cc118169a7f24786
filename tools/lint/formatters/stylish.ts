import { countBySeverity, printPath, type LintReport, messageWithClause } from "../findings.js";

/** The console format: findings grouped by file, one per line, then a one-line summary. */
export function formatStylish(report: LintReport): string {
  const counts = countBySeverity(report.findings);
  if (report.findings.length === 0) return `No problems found in ${report.files.join(", ")}.\n`;
  const out: string[] = [];
  const byFile = new Map<string, LintReport["findings"]>();
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    out.push("", file);
    const rows = findings.map((f) => [
      `${f.line}:${f.column}`,
      f.severity,
      f.rule,
      messageWithClause(f),
      printPath(f.path),
    ]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows) {
      out.push(`  ${row[0]!.padStart(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]!.padEnd(widths[2]!)}  ${row[3]}  ${row[4]}`.trimEnd());
    }
  }
  const total = report.findings.length;
  out.push(
    "",
    `✖ ${total} problem${total === 1 ? "" : "s"} (${counts.error} error${counts.error === 1 ? "" : "s"}, ` +
      `${counts.warn} warning${counts.warn === 1 ? "" : "s"}, ${counts.info} info${counts.info === 1 ? "" : "s"}, ` +
      `${counts.hint} hint${counts.hint === 1 ? "" : "s"})`,
    "",
  );
  return out.join("\n");
}
