/** Console output: the summary by profile, the failed clauses, and their failures grouped by root cause. Pure. */
import type { CaseResult } from "../model.js";
import { errorCases, type ConformanceReport } from "../report.js";
import type { ClauseVerdict } from "../verdicts.js";
import { groupFailures, type ErrorGroup, type FailureGroup } from "./groups.js";
import { firstParagraph, oneLine } from "./text.js";
import { ANSI, CASE_STATUSES, CLAUSE_VERDICTS, PROFILE_VERDICTS, countsPhrase, styleOf, type StatusStyle } from "./statuses.js";

export interface ConsoleStyle {
  color: boolean;
}

const paint = (style: ConsoleStyle, code: string, text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);
const toned = (style: ConsoleStyle, s: StatusStyle, text = s.label) => paint(style, ANSI[s.tone], text);

/** One line for the live progress display, e.g. `[ 12/126] ✓ models-list-shape`. */
export function progressLine(r: CaseResult, done: number, total: number, style: ConsoleStyle): string {
  const s = styleOf(CASE_STATUSES, r.status);
  const width = String(total).length;
  const extra = r.status === "pass" ? "" : ` ${r.status}${r.reason ? `: ${r.reason}` : ""}`;
  return `[${String(done).padStart(width)}/${total}] ${toned(style, s, s.mark)} ${r.id}${paint(style, "90", extra)}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** "a, b, c and 9 more" */
const some = (items: string[], max = 6) => (items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`);

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

function clauseLine(v: ClauseVerdict, style: ConsoleStyle, groups: FailureGroup[]): string[] {
  const mark = v.level === "MUST" ? toned(style, CLAUSE_VERDICTS.fail, "✗") : paint(style, ANSI.warn, "!");
  const refs = groups.map((g, i) => (g.clauses.includes(v.id) ? `#${i + 1}` : "")).filter(Boolean);
  const lines = [`  ${mark} ${paint(style, "1", v.id)} (${v.level}, ${v.profile}) ${oneLine(firstParagraph(v.text), 120)}${refs.length ? paint(style, "90", ` [${refs.join(" ")}]`) : ""}`];
  if (v.expectedFailure) lines.push(`    expected failure (baseline): ${oneLine(v.expectedFailure, 140)}`);
  return lines;
}

function groupBlock(g: FailureGroup, n: number, style: ConsoleStyle): string[] {
  const f = g.example;
  const times = g.count > 1 ? paint(style, "1", ` ×${g.count}`) : "";
  const lines = [`  ${paint(style, "1", `#${n}`)} ${oneLine(g.cause, 200)}${times}${g.expected ? " (expected failure)" : ""}`];
  lines.push(`     clauses ${some(g.clauses)}; ${g.cases.length === 1 ? "case" : `${g.cases.length} cases:`} ${some(g.cases, 4)}`);
  lines.push(`     e.g. case ${f.case}${f.source ? ` (${f.source.file}:${f.source.line})` : ""}, step ${f.step}: ${oneLine(f.description, 120)}`);
  if (f.message) lines.push(`       ${oneLine(f.message, 150)}`);
  if (f.expected !== undefined) lines.push(`       expected: ${oneLine(f.expected, 140)}`);
  if (f.got !== undefined) lines.push(`       got:      ${oneLine(f.got, 140)}`);
  if (f.evidence) {
    lines.push(`       request:  ${oneLine(f.evidence.request.split("\n")[0], 140)}`);
    lines.push(`       response: ${oneLine(f.evidence.response, 140)}`);
  }
  return lines;
}

function errorBlock(g: ErrorGroup, style: ConsoleStyle): string {
  const where = g.example.source ? ` (${g.example.source.file}:${g.example.source.line})` : "";
  const times = g.cases.length > 1 ? paint(style, "1", ` ×${g.cases.length}`) : "";
  return `  ${toned(style, CASE_STATUSES.error, "!")} ${oneLine(g.reason, 150)}${times}: ${some(g.cases, 4)}${g.cases.length === 1 ? where : ""}`;
}

export function renderConsole(report: ConformanceReport, style: ConsoleStyle = { color: false }): string {
  const t = report.target;
  const s = report.summary;
  const out: string[] = [];
  out.push(`LIS ${report.spec} conformance: ${t.baseUrl}, model ${t.model}${t.embeddingModel !== t.model ? `, embedding model ${t.embeddingModel}` : ""}${t.embedded ? " (embedded reference server)" : ""}`);
  if (t.server) out.push(`Server: ${t.server}`);
  out.push(`Profiles: ${report.profiles.join(", ")}${report.filter ? `; filter ${report.filter}` : ""}`);
  out.push(`Cases: ${countsPhrase(CASE_STATUSES, s.cases)} (${s.cases.total} in ${seconds(report.durationMs)})`);
  out.push(`Clauses: ${countsPhrase(CLAUSE_VERDICTS, s.clauses)} (${s.clauses.total})`);
  const run = report.run;
  if (run.status !== "complete") {
    out.push(paint(style, "1;31", `Run ended early (${run.status}): ${run.reason ?? ""}`));
    if (run.lastRequest) out.push(`  last request sent before it stopped answering (case ${run.lastRequest.case}, step ${run.lastRequest.step}):`, ...run.lastRequest.request.split("\n").slice(0, 12).map((l) => `    ${oneLine(l, 150)}`));
  }
  out.push("");
  const rows = [["Profile", "Verdict", "MUST pass", "fail", "blocked", "inconclusive", "untested", "n/a", "not-testable", "SHOULD/MAY warnings"]];
  for (const p of report.profileVerdicts) {
    rows.push([p.profile, styleOf(PROFILE_VERDICTS, p.verdict).label, `${p.must.pass}/${p.must.total}`, String(p.must.fail), String(p.must.blocked ?? 0), String(p.must.inconclusive ?? 0), String(p.must.untested), String(p.must.notApplicable), String(p.must.notTestable), String(p.warnings.length)]);
  }
  table(rows).forEach((line, i) => {
    if (i === 0) return out.push(paint(style, "1", line));
    const v = styleOf(PROFILE_VERDICTS, report.profileVerdicts[i - 1].verdict);
    out.push(line.replace(v.label, toned(style, v)));
  });

  const { failures, errors } = groupFailures(report);
  const failing = report.clauses.filter((v) => v.verdict === "fail");
  const must = failing.filter((v) => v.level === "MUST");
  const warn = failing.filter((v) => v.level !== "MUST");
  if (must.length > 0) {
    out.push("", paint(style, "1", `Failed MUST clauses (${must.length})`));
    for (const v of must) out.push(...clauseLine(v, style, failures));
  }
  if (warn.length > 0) {
    out.push("", paint(style, "1", `Warnings: failed SHOULD/MAY clauses (${warn.length})`));
    for (const v of warn) out.push(...clauseLine(v, style, failures));
  }
  if (failures.length > 0) {
    const total = failures.reduce((n, g) => n + g.count, 0);
    out.push("", paint(style, "1", `Failures by root cause (${failures.length} cause${failures.length === 1 ? "" : "s"} of ${total} failed check${total === 1 ? "" : "s"})`));
    failures.forEach((g, i) => out.push(...groupBlock(g, i + 1, style)));
  }
  const { unfinished, unfinishedLine } = errorCases(report);
  if (errors.length > 0 || unfinished > 0) {
    const count = errors.reduce((n, g) => n + g.cases.length, 0) + unfinished;
    out.push("", paint(style, "1", `Cases that could not be judged (${count})`));
    for (const g of errors) out.push(errorBlock(g, style));
    if (unfinishedLine) out.push(`  ${toned(style, CASE_STATUSES.error, "!")} ${unfinishedLine}`);
  }
  const blocked = report.clauses.filter((v) => v.verdict === "blocked");
  if (blocked.length > 0) {
    out.push("", paint(style, "1", `Blocked clauses (${blocked.length}): what they need failed first, under another clause`));
    for (const v of blocked) out.push(`  ${toned(style, CLAUSE_VERDICTS.blocked, CLAUSE_VERDICTS.blocked.mark)} ${v.id} (${v.level}, ${v.profile}) blocked by ${v.blockedBy?.join(", ")}`);
  }
  const inconclusive = report.clauses.filter((v) => v.verdict === "inconclusive");
  if (inconclusive.length > 0) {
    out.push("", paint(style, "1", `Inconclusive clauses (${inconclusive.length}): a comparison of two answers could not be judged (never a pass)`));
    for (const v of inconclusive) out.push(`  ${toned(style, CLAUSE_VERDICTS.inconclusive, CLAUSE_VERDICTS.inconclusive.mark)} ${v.id} (${v.level}, ${v.profile}): ${oneLine(v.note ?? "", 140)}`);
  }
  const unsent = report.cases.filter((c) => (c.notSent?.length ?? 0) > 0 && c.status !== "precondition-failed");
  if (unsent.length > 0) {
    out.push("", `Steps not sent (${unsent.reduce((n, c) => n + c.notSent!.length, 0)}), because a step they need failed:`);
    for (const c of unsent) out.push(`  ${c.id}: ${c.notSent!.map((n) => `${n.step} (${n.reason})`).join("; ")}`);
  }
  const untestedMust = report.clauses.filter((v) => v.level === "MUST" && v.verdict === "untested");
  if (untestedMust.length > 0) {
    out.push("", `Untested MUST clauses (${untestedMust.length}): ${untestedMust.map((v) => v.id).join(", ")}`);
  }
  if (report.baseline) {
    const b = report.baseline;
    out.push("", `Baseline ${b.file}: ${b.expected.length} expected failure(s), ${b.stale.length} stale, ${b.notJudged.length} not judged in this run`);
    for (const x of b.stale) out.push(`  ${toned(style, CLAUSE_VERDICTS.fail, "✗")} stale: ${x.kind} ${x.id} now passes; remove it from the baseline (${oneLine(x.reason, 80)})`);
  }
  out.push("");
  const verdict = styleOf(PROFILE_VERDICTS, s.verdict);
  const why = s.exitCode === 0 ? "" : ` (${[
    run.status !== "complete" ? `the run ended early: ${run.status}` : "",
    s.unexpectedFailures.length ? `${s.unexpectedFailures.length} MUST clause(s) failed unexpectedly` : "",
    s.unexpectedErrors.length ? `${s.unexpectedErrors.length} case(s) in error` : "",
    report.baseline?.stale.length ? `${report.baseline.stale.length} stale baseline item(s)` : "",
  ].filter(Boolean).join(", ")})`;
  out.push(paint(style, "1", `Result: ${toned(style, verdict)}; exit ${s.exitCode}${why}`));
  return out.join("\n") + "\n";
}
