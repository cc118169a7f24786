import { printPath, type LintReport, type Severity, messageWithClause } from "../findings.js";

const COMMAND: Record<Severity, string> = { error: "error", warn: "warning", info: "notice", hint: "notice" };

// Workflow-command escaping, as in @actions/core: data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions workflow commands: each finding becomes an annotation on the file and line. */
export function formatGithubActions(report: LintReport): string {
  return report.findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${Math.max(f.endLine, f.line)}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.clause ? `${f.rule} (${f.clause})` : f.rule)}`,
      ];
      return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(`${messageWithClause(f)} (${printPath(f.path)})`)}\n`;
    })
    .join("");
}
