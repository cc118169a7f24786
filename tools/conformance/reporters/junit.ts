/**
 * JUnit XML: one <testsuite> per profile, one <testcase> per case, the clause ids as <properties>, a
 * <failure> listing every failed check, <error> for transport problems, <skipped> for skip and
 * precondition-failed. A run that ended early (unreachable, misconfigured, target down, deadline,
 * interrupted) is one more errored testcase, `lis.conformance.run`, that says why; the cases it stopped
 * before judging are counted there rather than listed one by one. Pure.
 */
import type { CaseResult } from "../model.js";
import type { ConformanceReport } from "../report.js";
import { CASE_STATUSES, styleOf } from "./statuses.js";

/** XML 1.0 text: escape markup and drop characters that XML cannot carry at all. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: CaseResult): string {
  const clauseIds = [...new Set([...r.clauses, ...r.checks.flatMap((c) => c.clauses)])];
  const props = [
    ...clauseIds.map((id) => `        <property name="clause" value="${xmlEscape(id)}"/>`),
    `        <property name="status" value="${r.status}"/>`,
    `        <property name="source" value="${xmlEscape(`${r.source.file}:${r.source.line}`)}"/>`,
  ];
  const lines = [`    <testcase name="${xmlEscape(r.id)}" classname="lis.conformance.${xmlEscape(r.profile)}" time="${secs(r.durationMs)}" file="${xmlEscape(r.source.file)}">`, "      <properties>", ...props, "      </properties>"];
  const failed = r.checks.filter((c) => !c.passed);
  const details = [
    ...failed.map((c) => [`[${c.clauses.join(", ")}] step ${c.step}: ${c.description}`, c.message ? `  ${c.message}` : "", c.expected !== undefined ? `  expected: ${c.expected}` : "", c.got !== undefined ? `  got:      ${c.got}` : ""].filter(Boolean).join("\n")),
    ...r.evidence.map((e) => `--- step ${e.step}: request ---\n${e.request}\n--- response ---\n${e.response}`),
  ].join("\n\n");
  const element = styleOf(CASE_STATUSES, r.status).junit;
  if (element === "failure") {
    const first = failed[0];
    const message = first ? `${first.clauses.join(", ")}: ${first.description}` : "failed";
    lines.push(`      <failure message="${xmlEscape(message)}" type="${xmlEscape(first?.kind ?? "fail")}">${xmlEscape(details)}</failure>`);
  } else if (element === "error") {
    lines.push(`      <error message="${xmlEscape(r.reason ?? "error")}" type="transport">${xmlEscape(details)}</error>`);
  } else if (element === "skipped") {
    lines.push(`      <skipped message="${xmlEscape(`${r.status}: ${r.reason ?? ""}`)}"/>`);
  }
  lines.push(`      <system-out>${xmlEscape(`${r.title}\n${r.checks.length} check(s), ${failed.length} failed`)}</system-out>`, "    </testcase>");
  return lines.join("\n");
}

/** The run's own testcase when it ended early: one <error> with the reason (and the last request, for a target down). */
function runTestcase(report: ConformanceReport, unfinished: number): string {
  const run = report.run;
  const details = [run.reason ?? "", unfinished > 0 ? `${unfinished} case(s) were not judged.` : "", run.lastRequest ? `--- last request sent before the target stopped answering (case ${run.lastRequest.case}, step ${run.lastRequest.step}) ---\n${run.lastRequest.request}` : ""].filter(Boolean).join("\n\n");
  return [
    `  <testsuite name="lis.conformance.run" tests="1" failures="0" errors="1" skipped="0" time="${secs(report.durationMs)}" timestamp="${report.startedAt.slice(0, 19)}">`,
    `    <testcase name="run" classname="lis.conformance.run" time="${secs(report.durationMs)}">`,
    `      <error message="${xmlEscape(`the run ended early (${run.status}): ${run.reason ?? ""}`)}" type="${run.status}">${xmlEscape(details)}</error>`,
    "    </testcase>",
    "  </testsuite>",
  ].join("\n");
}

export function renderJunit(report: ConformanceReport): string {
  const suites: string[] = [];
  const listed = report.cases.filter((c) => !c.unfinished);
  const unfinished = report.cases.length - listed.length;
  const profiles = [...new Set(listed.map((c) => c.profile))];
  for (const profile of profiles) {
    const cases = listed.filter((c) => c.profile === profile);
    const count = (element: string) => cases.filter((c) => styleOf(CASE_STATUSES, c.status).junit === element).length;
    const time = cases.reduce((t, c) => t + c.durationMs, 0);
    suites.push(
      `  <testsuite name="lis.conformance.${xmlEscape(profile)}" tests="${cases.length}" failures="${count("failure")}" errors="${count("error")}" skipped="${count("skipped")}" time="${secs(time)}" timestamp="${report.startedAt.slice(0, 19)}">`,
      ...cases.map(testcase),
      "  </testsuite>",
    );
  }
  const early = report.run.status !== "complete";
  if (early) suites.push(runTestcase(report, unfinished));
  const total = (element: string) => listed.filter((c) => styleOf(CASE_STATUSES, c.status).junit === element).length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlEscape(`LIS ${report.spec} conformance: ${report.target.baseUrl}`)}" tests="${listed.length + (early ? 1 : 0)}" failures="${total("failure")}" errors="${total("error") + (early ? 1 : 0)}" skipped="${total("skipped")}" time="${secs(report.durationMs)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
