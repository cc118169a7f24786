import { countBySeverity, type LintReport } from "../findings.js";

/** Machine-readable findings: `{ tool, files, summary, findings: [...] }`, one finding per object. */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(
    {
      tool: { name: "lis lint", version: report.toolVersion },
      files: report.files,
      summary: countBySeverity(report.findings),
      findings: report.findings,
    },
    null,
    2,
  )}\n`;
}
