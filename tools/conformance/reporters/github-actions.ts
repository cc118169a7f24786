/**
 * GitHub Actions annotations for a run: an `::error` per MUST clause that failed unexpectedly and per stale
 * baseline item, a `::warning` per failed SHOULD/MAY clause and per cause of cases in error, a `::notice`
 * per expected failure. Each names its clause and the first root cause that shows it. Pure.
 */
import type { ConformanceReport } from "../report.js";
import { workflowCommand } from "../../util/github-commands.js";
import { groupFailures } from "./groups.js";
import { firstParagraph, oneLine } from "./text.js";


export function renderGithubAnnotations(report: ConformanceReport): string {
  const { failures, errors } = groupFailures(report);
  const out: string[] = [];
  for (const v of report.clauses) {
    if (v.verdict !== "fail") continue;
    const cause = failures.find((g) => g.clauses.includes(v.id));
    const level = v.expectedFailure !== undefined ? "notice" : v.level === "MUST" ? "error" : "warning";
    const title = `LIS ${report.spec} ${v.id} (${v.level}, ${v.profile})${v.expectedFailure !== undefined ? " expected failure" : ""}`;
    const because = cause ? ` Root cause: ${oneLine(cause.cause, 300)}${cause.count > 1 ? ` (×${cause.count})` : ""}; e.g. case ${cause.example.case}.` : "";
    out.push(workflowCommand(level, { title }, `${oneLine(firstParagraph(v.text), 300)}${because}`));
  }
  for (const g of errors) out.push(workflowCommand("warning", { title: `LIS ${report.spec}: ${g.cases.length} case(s) could not be judged` }, `${oneLine(g.reason, 300)}: ${g.cases.slice(0, 10).join(", ")}${g.cases.length > 10 ? " …" : ""}`));
  for (const x of report.baseline?.stale ?? []) out.push(workflowCommand("error", { title: `LIS ${report.spec}: stale baseline entry` }, `${x.kind} ${x.id} now passes; remove it from ${report.baseline!.file}`));
  return out.join("");
}
