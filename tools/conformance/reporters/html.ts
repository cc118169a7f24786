/**
 * One self-contained HTML page (no scripts, no external assets) to attach to a CI run or publish: the
 * verdict per profile, every clause with its verdict, and each failure with its evidence. Pure.
 */
import { errorCases, type ConformanceReport } from "../report.js";
import type { ClauseVerdict } from "../verdicts.js";
import type { CaseResult } from "../model.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const htmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const trim = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code,pre{font:12px ui-monospace,monospace}pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap}
.pass,.conformant{color:#1a7f37}.fail,.not-conformant{color:#cf222e}.incomplete,.untested,.error,.blocked,.inconclusive{color:#9a6700}
.not-applicable,.not-testable,.skip,.precondition-failed{color:#57606a}summary{cursor:pointer}`;

function clauseRow(v: ClauseVerdict): string {
  const cases = v.cases.map((c) => `<code>${htmlEscape(c)}</code>`).join(" ");
  const note = v.expectedFailure ? ` (expected: ${htmlEscape(v.expectedFailure)})` : v.note ? ` — ${htmlEscape(v.note)}` : "";
  return `<tr id="${htmlEscape(v.id)}"><td><code>${htmlEscape(v.id)}</code></td><td>${v.level}</td><td>${htmlEscape(v.profile)}</td><td class="${v.verdict}">${v.verdict}${note}</td><td>${htmlEscape(trim(v.text, 300))}</td><td>${cases}</td></tr>`;
}

function failureBlock(v: ClauseVerdict, cases: Map<string, CaseResult>): string {
  const items = v.failures.map((f) => {
    const evidence = cases.get(f.case)?.evidence.find((e) => e.step === f.step) ?? cases.get(f.case)?.evidence[0];
    return `<li><code>${htmlEscape(f.case)}</code>${f.step ? ` step <code>${htmlEscape(f.step)}</code>` : ""}: ${htmlEscape(f.description)}
${f.expected !== undefined ? `<br>expected: <code>${htmlEscape(trim(f.expected, 500))}</code>` : ""}${f.got !== undefined ? `<br>got: <code>${htmlEscape(trim(f.got, 500))}</code>` : ""}${f.message ? `<br>${htmlEscape(trim(f.message, 500))}` : ""}
${evidence ? `<details><summary>evidence</summary><pre>${htmlEscape(trim(evidence.request, 4000))}</pre><pre>${htmlEscape(trim(evidence.response, 4000))}</pre></details>` : ""}</li>`;
  });
  return `<h3><a href="#${htmlEscape(v.id)}">${htmlEscape(v.id)}</a> (${v.level}, ${htmlEscape(v.profile)})</h3><p>${htmlEscape(v.text)}</p><ul>${items.join("\n")}</ul>`;
}

export function renderHtml(report: ConformanceReport): string {
  const s = report.summary;
  const cases = new Map(report.cases.map((c) => [c.id, c]));
  const failing = report.clauses.filter((v) => v.verdict === "fail");
  const { judged: errors, unfinished, unfinishedLine } = errorCases(report);
  const run = report.run;
  const title = `LIS ${report.spec} conformance: ${s.verdict}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${htmlEscape(title)}</title><style>${STYLE}</style></head><body>
<h1>LIS ${htmlEscape(report.spec)} conformance: <span class="${s.verdict}">${s.verdict.replace("-", " ")}</span></h1>
<p>Target <code>${htmlEscape(report.target.baseUrl)}</code>, model <code>${htmlEscape(report.target.model)}</code>${report.target.embedded ? " (embedded reference server)" : ""}.
Started ${htmlEscape(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s, ${htmlEscape(report.tool.name)} ${htmlEscape(report.tool.version)}. Exit code ${s.exitCode}.</p>
<p>Cases: ${s.cases.total} — ${s.cases.pass} pass, ${s.cases.fail} fail, ${s.cases.error} error, ${s.cases.inconclusive} inconclusive, ${s.cases.skip} skip, ${s.cases["precondition-failed"]} precondition-failed.
Clauses: ${s.clauses.total} — ${s.clauses.pass} pass, ${s.clauses.fail} fail, ${s.clauses.blocked} blocked, ${s.clauses.inconclusive} inconclusive, ${s.clauses["not-applicable"]} not applicable, ${s.clauses.untested} untested, ${s.clauses["not-testable"]} not testable.</p>
${run.status !== "complete" ? `<p class="fail"><strong>The run ended early (${htmlEscape(run.status)}):</strong> ${htmlEscape(run.reason ?? "")}</p>${run.lastRequest ? `<details><summary>Last request sent before the target stopped answering (case <code>${htmlEscape(run.lastRequest.case)}</code>, step <code>${htmlEscape(run.lastRequest.step)}</code>)</summary><pre>${htmlEscape(trim(run.lastRequest.request, 4000))}</pre></details>` : ""}` : ""}
<h2>Profiles</h2>
<table><tr><th>Profile</th><th>Verdict</th><th>MUST passed</th><th>Failed</th><th>Untested</th><th>Not applicable</th><th>Not testable</th><th>Warnings (SHOULD/MAY)</th></tr>
${report.profileVerdicts.map((p) => `<tr><td>${htmlEscape(p.profile)}</td><td class="${p.verdict}">${p.verdict}</td><td>${p.must.pass}/${p.must.total}</td><td>${p.must.fail}</td><td>${p.must.untested}</td><td>${p.must.notApplicable}</td><td>${p.must.notTestable}</td><td>${p.warnings.map((w) => `<a href="#${htmlEscape(w)}">${htmlEscape(w)}</a>`).join(" ")}</td></tr>`).join("\n")}
</table>
${failing.length > 0 ? `<h2>Failures (${failing.length})</h2>\n${failing.map((v) => failureBlock(v, cases)).join("\n")}` : "<p>No clause failed.</p>"}
${errors.length + unfinished > 0 ? `<h2>Cases that could not be judged (${errors.length + unfinished})</h2><ul>${errors.map((c) => `<li><code>${htmlEscape(c.id)}</code>: ${htmlEscape(c.reason ?? "error")}</li>`).join("")}${unfinishedLine ? `<li>${htmlEscape(unfinishedLine)}</li>` : ""}</ul>` : ""}
${report.baseline ? `<h2>Baseline</h2><p><code>${htmlEscape(report.baseline.file)}</code>: ${report.baseline.expected.length} expected failure(s), ${report.baseline.stale.length} stale.</p>${report.baseline.stale.map((x) => `<p class="fail">stale: ${x.kind} <code>${htmlEscape(x.id)}</code> now passes; remove it from the baseline.</p>`).join("")}` : ""}
<h2>All clauses</h2>
<table><tr><th>Clause</th><th>Level</th><th>Profile</th><th>Verdict</th><th>Requirement</th><th>Cases</th></tr>
${report.clauses.map(clauseRow).join("\n")}
</table>
</body></html>
`;
}
