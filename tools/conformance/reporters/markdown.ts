/** Markdown for a CI step summary ($GITHUB_STEP_SUMMARY): verdicts, failed clauses, failures by root cause. Pure. */
import { errorCases, type ConformanceReport } from "../report.js";
import type { ClauseVerdict } from "../verdicts.js";
import { groupFailures, type FailureGroup } from "./groups.js";
import { firstParagraph } from "./text.js";
import { CASE_STATUSES, MARKDOWN_ICON, PROFILE_VERDICTS, countsPhrase, styleOf } from "./statuses.js";

const cell = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const code = (text: string) => `\`${text.replace(/`/g, "ˋ")}\``;
const icon = (verdict: string) => MARKDOWN_ICON[styleOf(PROFILE_VERDICTS, verdict).tone];
const some = (items: string[], max: number) => (items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} +${items.length - max}`);

function clauseRows(list: ClauseVerdict[], groups: FailureGroup[]): string[] {
  const rows = ["| Clause | Level | Requirement | Root cause |", "| --- | --- | --- | --- |"];
  for (const v of list) {
    const refs = groups.map((g, i) => (g.clauses.includes(v.id) ? `#${i + 1}` : "")).filter(Boolean);
    rows.push(`| **${v.id}**${v.expectedFailure ? " (expected)" : ""} | ${v.level} | ${cell(firstParagraph(v.text), 160)} | ${refs.join(" ")} |`);
  }
  return rows;
}

function groupRows(groups: FailureGroup[]): string[] {
  const rows = ["| # | Root cause | Failures | Clauses | Cases | Expected | Got |", "| --- | --- | --- | --- | --- | --- | --- |"];
  groups.forEach((g, i) => {
    const f = g.example;
    rows.push(`| ${i + 1} | ${cell(g.cause, 160)}${g.expected ? " (expected)" : ""} | ${g.count} | ${cell(some(g.clauses, 6))} | ${cell(some(g.cases.map(code), 3))} | ${cell(f.expected ?? f.description, 100)} | ${cell(f.got ?? f.message ?? "", 100)} |`);
  });
  return rows;
}

export function renderMarkdown(report: ConformanceReport): string {
  const s = report.summary;
  const t = report.target;
  const out: string[] = [];
  // A run the pre-flight stopped sent no case: its one line says what to fix, not 182 untested clauses.
  if (report.run.status === "unreachable" || report.run.status === "misconfigured") {
    out.push(`## ${icon("incomplete")} LIS ${report.spec} conformance could not run (${report.run.status})`, "", `Target ${code(t.baseUrl)}, model ${code(t.model)}: ${cell(report.run.reason ?? "", 600)}`, "", `No case was sent. Exit code ${s.exitCode}.`, "");
    return out.join("\n");
  }
  out.push(`## ${icon(s.verdict)} LIS ${report.spec} conformance: ${styleOf(PROFILE_VERDICTS, s.verdict).label}`, "");
  out.push(`Target ${code(t.baseUrl)}${t.server ? ` (${code(t.server)})` : ""}, model ${code(t.model)}${t.embedded ? " (embedded reference server)" : ""}; ${s.cases.total} cases in ${(report.durationMs / 1000).toFixed(1)} s: ${countsPhrase(CASE_STATUSES, s.cases)}. Exit code ${s.exitCode}.`, "");
  const run = report.run;
  if (run.status !== "complete") {
    out.push(`> **The run ended early (${run.status}):** ${cell(run.reason ?? "", 600)}`, "");
    if (run.lastRequest) out.push(`<details><summary>Last request sent before the target stopped answering (case ${code(run.lastRequest.case)}, step ${code(run.lastRequest.step)})</summary>`, "", "```http", run.lastRequest.request.replace(/```/g, "ˋˋˋ"), "```", "", "</details>", "");
  }
  out.push("| Profile | Verdict | MUST passed | Failed | Blocked | Inconclusive | Untested | Not applicable | Warnings |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const p of report.profileVerdicts) out.push(`| ${p.profile} | ${icon(p.verdict)} ${p.verdict} | ${p.must.pass}/${p.must.total} | ${p.must.fail} | ${p.must.blocked ?? 0} | ${p.must.inconclusive ?? 0} | ${p.must.untested} | ${p.must.notApplicable} | ${p.warnings.length} |`);
  const { failures, errors } = groupFailures(report);
  const failing = report.clauses.filter((v) => v.verdict === "fail");
  const must = failing.filter((v) => v.level === "MUST");
  const warn = failing.filter((v) => v.level !== "MUST");
  if (must.length > 0) out.push("", `### Failed MUST clauses (${must.length})`, "", ...clauseRows(must, failures));
  if (warn.length > 0) out.push("", `### Warnings: failed SHOULD/MAY clauses (${warn.length})`, "", ...clauseRows(warn, failures));
  if (failures.length > 0) out.push("", `### Failures by root cause (${failures.length})`, "", ...groupRows(failures));
  const { unfinished, unfinishedLine } = errorCases(report);
  if (errors.length > 0 || unfinished > 0) {
    out.push("", `### Cases that could not be judged (${errors.reduce((n, g) => n + g.cases.length, 0) + unfinished})`, "");
    for (const g of errors) out.push(`- ${cell(g.reason)}${g.cases.length > 1 ? ` (×${g.cases.length})` : ""}: ${some(g.cases.map(code), 5)}`);
    if (unfinishedLine) out.push(`- ${unfinishedLine}`);
  }
  if (report.baseline) {
    const b = report.baseline;
    out.push("", `Baseline ${code(b.file)}: ${b.expected.length} expected failure(s), ${b.stale.length} stale.`);
    for (const x of b.stale) out.push(`- ❌ stale: ${x.kind} ${code(x.id)} now passes; remove it from the baseline.`);
  }
  const blocked = report.clauses.filter((v) => v.verdict === "blocked");
  if (blocked.length > 0) out.push("", `### Blocked clauses (${blocked.length})`, "", "What they need failed first, under another clause; never counted as a pass.", "", ...blocked.map((v) => `- ${code(v.id)} (${v.level}) blocked by ${v.blockedBy?.map(code).join(", ")}`));
  const inconclusive = report.clauses.filter((v) => v.verdict === "inconclusive");
  if (inconclusive.length > 0) out.push("", `### Inconclusive clauses (${inconclusive.length})`, "", "A comparison of two answers could not be judged (the server was not shown to reproduce its output); never counted as a pass.", "", ...inconclusive.map((v) => `- ${code(v.id)} (${v.level}): ${cell(v.note ?? "")}`));
  const untested = report.clauses.filter((v) => v.level === "MUST" && v.verdict === "untested");
  if (untested.length > 0) out.push("", `<details><summary>Untested MUST clauses (${untested.length})</summary>`, "", untested.map((v) => code(v.id)).join(", "), "", "</details>");
  return out.join("\n") + "\n";
}
