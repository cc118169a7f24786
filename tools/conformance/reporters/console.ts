/** Console output: a progress line per case (on a TTY), then the summary by profile and every failure. Pure. */
import type { CaseResult } from "../model.js";
import { errorCases, type ConformanceReport } from "../report.js";
import type { ClauseVerdict } from "../verdicts.js";

export interface ConsoleStyle {
  color: boolean;
}

const paint = (style: ConsoleStyle, code: string, text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);
const STATUS_MARK: Record<CaseResult["status"], [string, string]> = {
  pass: ["✓", "32"],
  fail: ["✗", "31"],
  error: ["!", "35"],
  skip: ["-", "90"],
  "precondition-failed": ["∅", "33"],
  inconclusive: ["?", "33"],
};

/** One line for the live progress display, e.g. `[ 12/126] ✓ models-list-shape`. */
export function progressLine(r: CaseResult, done: number, total: number, style: ConsoleStyle): string {
  const [mark, code] = STATUS_MARK[r.status];
  const width = String(total).length;
  const extra = r.status === "pass" ? "" : ` ${r.status}${r.reason ? `: ${r.reason}` : ""}`;
  return `[${String(done).padStart(width)}/${total}] ${paint(style, code, mark)} ${r.id}${paint(style, "90", extra)}`;
}

const oneLine = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

function clauseBlock(v: ClauseVerdict, report: ConformanceReport, style: ConsoleStyle, mark: string, code: string): string[] {
  const lines = [`  ${paint(style, code, mark)} ${paint(style, "1", v.id)} (${v.level}, ${v.profile}) ${oneLine(v.text, 140)}`];
  if (v.expectedFailure) lines.push(`    expected failure (baseline): ${oneLine(v.expectedFailure, 140)}`);
  for (const f of v.failures.slice(0, 3)) {
    const c = report.cases.find((x) => x.id === f.case);
    lines.push(`    case ${f.case}${c ? ` (${c.source.file}:${c.source.line})` : ""}, step ${f.step}: ${oneLine(f.description, 120)}`);
    if (f.message) lines.push(`      ${oneLine(f.message, 150)}`);
    if (f.expected !== undefined) lines.push(`      expected: ${oneLine(f.expected, 140)}`);
    if (f.got !== undefined) lines.push(`      got:      ${oneLine(f.got, 140)}`);
    const ev = c?.evidence.find((e) => e.step === f.step);
    if (ev) {
      lines.push(`      request:  ${oneLine(ev.request.split("\n")[0], 140)}`);
      lines.push(`      response: ${oneLine(ev.response, 140)}`);
    }
  }
  if (v.failures.length > 3) lines.push(`    … ${v.failures.length - 3} more failing check(s)`);
  return lines;
}

export function renderConsole(report: ConformanceReport, style: ConsoleStyle = { color: false }): string {
  const t = report.target;
  const s = report.summary;
  const out: string[] = [];
  out.push(`LIS ${report.spec} conformance: ${t.baseUrl}, model ${t.model}${t.embeddingModel !== t.model ? `, embedding model ${t.embeddingModel}` : ""}${t.embedded ? " (embedded reference server)" : ""}`);
  out.push(`Profiles: ${report.profiles.join(", ")}${report.filter ? `; filter ${report.filter}` : ""}`);
  out.push(`Cases: ${s.cases.pass} pass, ${s.cases.fail} fail, ${s.cases.error} error, ${s.cases.inconclusive} inconclusive, ${s.cases.skip} skip, ${s.cases["precondition-failed"]} precondition-failed (${s.cases.total} in ${seconds(report.durationMs)})`);
  out.push(`Clauses: ${s.clauses.pass} pass, ${s.clauses.fail} fail, ${s.clauses.blocked} blocked, ${s.clauses.inconclusive} inconclusive, ${s.clauses["not-applicable"]} not applicable, ${s.clauses.untested} untested, ${s.clauses["not-testable"]} not testable (${s.clauses.total})`);
  const run = report.run;
  if (run.status !== "complete") {
    out.push(paint(style, "1;31", `Run ended early (${run.status}): ${run.reason ?? ""}`));
    if (run.lastRequest) out.push(`  last request sent before it stopped answering (case ${run.lastRequest.case}, step ${run.lastRequest.step}):`, ...run.lastRequest.request.split("\n").slice(0, 12).map((l) => `    ${oneLine(l, 150)}`));
  }
  out.push("");
  const verdictColor = (v: string) => (v === "conformant" ? "32" : v === "incomplete" ? "33" : "31");
  const rows = [["Profile", "Verdict", "MUST pass", "fail", "untested", "n/a", "not-testable", "SHOULD/MAY warnings"]];
  for (const p of report.profileVerdicts) {
    rows.push([p.profile, p.verdict, `${p.must.pass}/${p.must.total}`, String(p.must.fail), String(p.must.untested), String(p.must.notApplicable), String(p.must.notTestable), String(p.warnings.length)]);
  }
  table(rows).forEach((line, i) => {
    const p = report.profileVerdicts[i - 1];
    out.push(i === 0 ? paint(style, "1", line) : line.replace(p.verdict, paint(style, verdictColor(p.verdict), p.verdict)));
  });

  const failing = report.clauses.filter((v) => v.verdict === "fail");
  const must = failing.filter((v) => v.level === "MUST");
  const warn = failing.filter((v) => v.level !== "MUST");
  if (must.length > 0) {
    out.push("", paint(style, "1", `Failed MUST clauses (${must.length})`));
    for (const v of must) out.push(...clauseBlock(v, report, style, "✗", "31"));
  }
  if (warn.length > 0) {
    out.push("", paint(style, "1", `Warnings: failed SHOULD/MAY clauses (${warn.length})`));
    for (const v of warn) out.push(...clauseBlock(v, report, style, "!", "33"));
  }
  const { judged: errors, unfinished, unfinishedLine } = errorCases(report);
  if (errors.length + unfinished > 0) {
    out.push("", paint(style, "1", `Cases that could not be judged (${errors.length + unfinished})`));
    for (const c of errors) out.push(`  ${paint(style, "35", "!")} ${c.id} (${c.source.file}:${c.source.line}): ${oneLine(c.reason ?? "error", 150)}`);
    if (unfinishedLine) out.push(`  ${paint(style, "35", "!")} ${unfinishedLine}`);
  }
  const blocked = report.clauses.filter((v) => v.verdict === "blocked");
  if (blocked.length > 0) {
    out.push("", paint(style, "1", `Blocked clauses (${blocked.length}): their failures follow from another clause's failure on the same response`));
    for (const v of blocked) out.push(`  ${paint(style, "33", "⊘")} ${v.id} (${v.level}, ${v.profile}) blocked by ${v.blockedBy?.join(", ")}`);
  }
  const inconclusive = report.clauses.filter((v) => v.verdict === "inconclusive");
  if (inconclusive.length > 0) {
    out.push("", paint(style, "1", `Inconclusive clauses (${inconclusive.length}): a comparison of two responses could not be judged (never a pass)`));
    for (const v of inconclusive) out.push(`  ${paint(style, "33", "?")} ${v.id} (${v.level}, ${v.profile}): ${oneLine(v.note ?? "", 140)}`);
  }
  const untestedMust = report.clauses.filter((v) => v.level === "MUST" && v.verdict === "untested");
  if (untestedMust.length > 0) {
    out.push("", `Untested MUST clauses (${untestedMust.length}): ${untestedMust.map((v) => v.id).join(", ")}`);
  }
  if (report.baseline) {
    const b = report.baseline;
    out.push("", `Baseline ${b.file}: ${b.expected.length} expected failure(s), ${b.stale.length} stale, ${b.notJudged.length} not judged in this run`);
    for (const x of b.stale) out.push(`  ${paint(style, "31", "✗")} stale: ${x.kind} ${x.id} now passes; remove it from the baseline (${oneLine(x.reason, 80)})`);
  }
  out.push("");
  const verdictText = s.verdict === "not-conformant" ? "not conformant" : s.verdict;
  const why = s.exitCode === 0 ? "" : ` (${[
    run.status !== "complete" ? `the run ended early: ${run.status}` : "",
    s.unexpectedFailures.length ? `${s.unexpectedFailures.length} MUST clause(s) failed unexpectedly` : "",
    s.unexpectedErrors.length ? `${s.unexpectedErrors.length} case(s) in error` : "",
    report.baseline?.stale.length ? `${report.baseline.stale.length} stale baseline item(s)` : "",
  ].filter(Boolean).join(", ")})`;
  out.push(paint(style, "1", `Result: ${paint(style, verdictColor(s.verdict), verdictText)}; exit ${s.exitCode}${why}`));
  return out.join("\n") + "\n";
}
