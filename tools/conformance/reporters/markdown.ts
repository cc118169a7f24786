/** Markdown for a CI step summary ($GITHUB_STEP_SUMMARY): verdict table, failures, warnings, errors. Pure. */
import { errorCases, type ConformanceReport } from "../report.js";
import type { ClauseVerdict } from "../verdicts.js";

const cell = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const code = (text: string) => `\`${text.replace(/`/g, "ˋ")}\``;
const ICON: Record<string, string> = { conformant: "✅", incomplete: "⚠️", "not-conformant": "❌" };

function failureRows(list: ClauseVerdict[]): string[] {
  const rows = ["| Clause | Level | Requirement | Case | Expected | Got |", "| --- | --- | --- | --- | --- | --- |"];
  for (const v of list) {
    const f = v.failures[0];
    rows.push(`| **${v.id}**${v.expectedFailure ? " (expected)" : ""} | ${v.level} | ${cell(v.text, 160)} | ${f ? code(f.case) : ""} | ${cell(f?.expected ?? f?.description ?? "", 100)} | ${cell(f?.got ?? f?.message ?? "", 100)} |`);
  }
  return rows;
}

export function renderMarkdown(report: ConformanceReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## ${ICON[s.verdict]} LIS ${report.spec} conformance: ${s.verdict.replace("-", " ")}`, "");
  out.push(`Target ${code(report.target.baseUrl)}, model ${code(report.target.model)}${report.target.embedded ? " (embedded reference server)" : ""}; ${s.cases.total} cases in ${(report.durationMs / 1000).toFixed(1)} s: ${s.cases.pass} pass, ${s.cases.fail} fail, ${s.cases.error} error, ${s.cases.inconclusive} inconclusive, ${s.cases.skip} skip, ${s.cases["precondition-failed"]} precondition-failed. Exit code ${s.exitCode}.`, "");
  const run = report.run;
  if (run.status !== "complete") {
    out.push(`> **The run ended early (${run.status}):** ${cell(run.reason ?? "", 600)}`, "");
    if (run.lastRequest) out.push(`<details><summary>Last request sent before the target stopped answering (case ${code(run.lastRequest.case)}, step ${code(run.lastRequest.step)})</summary>`, "", "```http", run.lastRequest.request.replace(/```/g, "ˋˋˋ"), "```", "", "</details>", "");
  }
  out.push("| Profile | Verdict | MUST passed | Failed | Untested | Not applicable | Warnings |", "| --- | --- | --- | --- | --- | --- | --- |");
  for (const p of report.profileVerdicts) out.push(`| ${p.profile} | ${ICON[p.verdict]} ${p.verdict} | ${p.must.pass}/${p.must.total} | ${p.must.fail} | ${p.must.untested} | ${p.must.notApplicable} | ${p.warnings.length} |`);
  const failing = report.clauses.filter((v) => v.verdict === "fail");
  const must = failing.filter((v) => v.level === "MUST");
  const warn = failing.filter((v) => v.level !== "MUST");
  if (must.length > 0) out.push("", `### Failed MUST clauses (${must.length})`, "", ...failureRows(must));
  if (warn.length > 0) out.push("", `### Warnings: failed SHOULD/MAY clauses (${warn.length})`, "", ...failureRows(warn));
  const { judged: errors, unfinished, unfinishedLine } = errorCases(report);
  if (errors.length + unfinished > 0) {
    out.push("", `### Cases that could not be judged (${errors.length + unfinished})`, "");
    for (const c of errors) out.push(`- ${code(c.id)}: ${cell(c.reason ?? "error")}`);
    if (unfinishedLine) out.push(`- ${unfinishedLine}`);
  }
  if (report.baseline) {
    const b = report.baseline;
    out.push("", `Baseline ${code(b.file)}: ${b.expected.length} expected failure(s), ${b.stale.length} stale.`);
    for (const x of b.stale) out.push(`- ❌ stale: ${x.kind} ${code(x.id)} now passes; remove it from the baseline.`);
  }
  const blocked = report.clauses.filter((v) => v.verdict === "blocked");
  if (blocked.length > 0) out.push("", `### Blocked clauses (${blocked.length})`, "", "Their failures follow from another clause's failure on the same response.", "", ...blocked.map((v) => `- ${code(v.id)} (${v.level}) blocked by ${v.blockedBy?.map(code).join(", ")}`));
  const inconclusive = report.clauses.filter((v) => v.verdict === "inconclusive");
  if (inconclusive.length > 0) out.push("", `### Inconclusive clauses (${inconclusive.length})`, "", "A comparison of two responses could not be judged; never counted as a pass.", "", ...inconclusive.map((v) => `- ${code(v.id)} (${v.level}): ${cell(v.note ?? "")}`));
  const untested = report.clauses.filter((v) => v.level === "MUST" && v.verdict === "untested");
  if (untested.length > 0) out.push("", `<details><summary>Untested MUST clauses (${untested.length})</summary>`, "", untested.map((v) => code(v.id)).join(", "), "", "</details>");
  return out.join("\n") + "\n";
}
