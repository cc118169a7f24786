import { printPath, type LintReport, type Severity, messageWithClause } from "../findings.js";
import { workflowCommand, type AnnotationLevel } from "../../util/github-commands.js";

const COMMAND: Record<Severity, AnnotationLevel> = { error: "error", warn: "warning", info: "notice", hint: "notice" };

/** GitHub Actions workflow commands: each finding becomes an annotation on the file and line. */
export function formatGithubActions(report: LintReport): string {
  return report.findings
    .map((f) => {
      const where = printPath(f.path);
      const properties = {
        file: f.file,
        line: f.line,
        col: f.column,
        endLine: Math.max(f.endLine, f.line),
        endColumn: f.endColumn,
        title: f.clause ? `${f.rule} (${f.clause})` : f.rule,
      };
      // A finding about the document as a whole has no path: no empty "()" after its message.
      return workflowCommand(COMMAND[f.severity], properties, where ? `${messageWithClause(f)} (${where})` : messageWithClause(f));
    })
    .join("");
}
