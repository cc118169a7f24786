/**
 * One self-contained HTML page to attach to a CI run or publish: who was tested (the server's identity),
 * the verdict per profile, failures grouped by root cause with their evidence and a copy-as-curl command,
 * and every clause with its spec text rendered from Markdown, filterable by profile and verdict and
 * searchable. It loads nothing: styles and the small script are inline, a Content-Security-Policy forbids
 * any other source, and the script runs only by its hash, so nothing a server sent can become code. Pure.
 */
import { createHash } from "node:crypto";
import { Marked, type Tokens } from "marked";
import { errorCases, type ConformanceReport } from "../report.js";
import type { ClauseVerdict } from "../verdicts.js";
import { curlCommand } from "./curl.js";
import { groupFailures, type ErrorGroup, type FailureGroup } from "./groups.js";
import { CASE_STATUSES, CLAUSE_VERDICTS, CSS_COLOR, PROFILE_VERDICTS, byOrder, countsPhrase, styleOf, type StatusStyle } from "./statuses.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const htmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const trim = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The spec's Markdown (clause text: code spans, emphasis, tables) as HTML. Raw HTML in it is shown as text,
 * relative links (to other spec files) as their text, images as their alt text: the page loads nothing.
 */
const markdown = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => htmlEscape(text),
    image: ({ text }: Tokens.Image) => htmlEscape(text),
    link(this: { parser: { parseInline(tokens: Tokens.Link["tokens"]): string } }, token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      return /^https?:\/\//i.test(token.href) ? `<a href="${htmlEscape(token.href)}" rel="noreferrer">${inner}</a>` : inner;
    },
  },
});
export const renderSpecMarkdown = (text: string) => markdown.parse(text, { async: false }) as string;

const TONE_CSS = Object.entries(CSS_COLOR).map(([tone, color]) => `.t-${tone}{color:${color}}`).join("");
const STYLE = `*{box-sizing:border-box}body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa}td table{margin:.3rem 0}td p{margin:.2rem 0}
code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere;max-height:24rem}
.id{white-space:nowrap;font-weight:600}.nowrap{white-space:nowrap}
${TONE_CSS}summary{cursor:pointer}
.group{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem;margin:.6rem 0}.group h3{margin:.2rem 0;font-size:1rem;overflow-wrap:anywhere}
.count{background:#cf222e;color:#fff;border-radius:1rem;padding:0 .5rem;font-size:.85rem;margin-left:.3rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;background:#f6f8fa;padding:.5rem .8rem;border-radius:6px;position:sticky;top:0}
.filters input[type=search]{min-width:14rem;flex:1}
button{font:inherit;cursor:pointer}.copied{color:#1a7f37;margin-left:.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dd{margin:0;overflow-wrap:anywhere}`;

/** Hides what the filters exclude; copies a curl command. Runs only by its hash (see the CSP). */
const SCRIPT = `(function(){
var q=function(s){return Array.prototype.slice.call(document.querySelectorAll(s));};
var profile=document.getElementById("f-profile"),verdict=document.getElementById("f-verdict"),search=document.getElementById("f-search"),shown=document.getElementById("f-shown");
function apply(){
var p=profile.value,v=verdict.value,s=search.value.trim().toLowerCase(),n=0,all=0;
q("[data-filter]").forEach(function(el){
var ok=(!p||(" "+el.getAttribute("data-profiles")+" ").indexOf(" "+p+" ")>=0)&&(!v||(" "+el.getAttribute("data-verdicts")+" ").indexOf(" "+v+" ")>=0)&&(!s||el.textContent.toLowerCase().indexOf(s)>=0);
el.hidden=!ok;if(el.tagName==="TR"){all++;if(ok)n++;}});
shown.textContent=n+" of "+all+" clauses shown";}
[profile,verdict].forEach(function(el){el.addEventListener("change",apply);});search.addEventListener("input",apply);
document.getElementById("f-form").addEventListener("submit",function(e){e.preventDefault();});
q("button[data-copy]").forEach(function(b){b.addEventListener("click",function(){
var text=document.getElementById(b.getAttribute("data-copy")).textContent,note=b.nextElementSibling;
function done(){note.textContent="copied";}
function fallback(){var t=document.createElement("textarea");t.value=text;document.body.appendChild(t);t.select();try{document.execCommand("copy");done();}catch(e){note.textContent="select the command and copy it";}document.body.removeChild(t);}
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(text).then(done,fallback);}else{fallback();}});});
apply();})();`;
const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:`;

const badge = (s: StatusStyle, text = s.label) => `<span class="t-${s.tone}">${htmlEscape(text)}</span>`;
const list = (items: string[], max: number, show: (x: string) => string) => items.slice(0, max).map(show).join(", ") + (items.length > max ? ` and ${items.length - max} more` : "");
const clauseLink = (id: string) => `<a class="id" href="#${htmlEscape(id)}">${htmlEscape(id)}</a>`;

function identity(report: ConformanceReport): string {
  const t = report.target;
  const rows: [string, string][] = [
    ["Base URL", `<code>${htmlEscape(t.baseUrl)}</code>${t.embedded ? " (embedded reference server)" : ""}`],
    ["Server header", t.server ? `<code>${htmlEscape(t.server)}</code>` : "none sent"],
    ["Model", `<code>${htmlEscape(t.model)}</code>${t.embeddingModel !== t.model ? `, embeddings <code>${htmlEscape(t.embeddingModel)}</code>` : ""}`],
    ["Models listed", t.models ? (t.models.length === 0 ? "none" : list(t.models, 20, (m) => `<code>${htmlEscape(m)}</code>`)) : "GET /models gave no model list"],
    ["Authenticated", t.authenticated ? "yes (the key is never shown)" : "no"],
  ];
  const discovery = t.discovery
    ? `<details><summary>Discovery document (<code>GET /.well-known/lis</code>)</summary><pre>${htmlEscape(trim(JSON.stringify(t.discovery, null, 2), 16_000))}</pre></details>`
    : "<p>No discovery document (<code>GET /.well-known/lis</code>).</p>";
  return `<h2>Server</h2><dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>${discovery}`;
}

function evidenceBlock(id: string, evidence: { request: string; response: string } | undefined): string {
  if (!evidence) return "";
  const curl = curlCommand(evidence.request);
  return `<details><summary>request and response</summary><pre>${htmlEscape(trim(evidence.request, 4000))}</pre><pre>${htmlEscape(trim(evidence.response, 4000))}</pre>
<p><button type="button" data-copy="${id}">Copy as curl</button><span class="copied" aria-live="polite"></span>${curl.bodyClipped ? " (the body was shortened in this report: the command does not send it whole)" : ""}</p><pre id="${id}">${htmlEscape(curl.command)}</pre></details>`;
}

function groupBlock(g: FailureGroup, n: number, verdicts: Map<string, ClauseVerdict>): string {
  const f = g.example;
  const texts = g.clauses.map((id) => verdicts.get(id)?.text ?? "").join(" ");
  return `<section class="group" data-filter data-profiles="${htmlEscape(g.profiles.join(" "))}" data-verdicts="fail" id="cause-${n}">
<h3>#${n} ${htmlEscape(g.cause)}${g.count > 1 ? `<span class="count" title="failed checks">×${g.count}</span>` : ""}${g.expected ? " (expected failure)" : ""}</h3>
<p>${g.level} · clauses ${list(g.clauses, 12, clauseLink)} · ${g.cases.length === 1 ? "case" : `${g.cases.length} cases:`} ${list(g.cases, 8, (c) => `<code>${htmlEscape(c)}</code>`)}</p>
<p>For example, case <code>${htmlEscape(f.case)}</code>${f.source ? ` (<code>${htmlEscape(`${f.source.file}:${f.source.line}`)}</code>)` : ""}, step <code>${htmlEscape(f.step)}</code>: ${htmlEscape(f.description)}${f.expected !== undefined ? `<br>expected: <code>${htmlEscape(trim(f.expected, 500))}</code>` : ""}${f.got !== undefined ? `<br>got: <code>${htmlEscape(trim(f.got, 500))}</code>` : ""}${f.message ? `<br>${htmlEscape(trim(f.message, 500))}` : ""}</p>
${evidenceBlock(`curl-${n}`, f.evidence)}<span hidden>${htmlEscape(texts)}</span></section>`;
}

function errorBlock(g: ErrorGroup, n: number): string {
  return `<section class="group" data-filter data-profiles="${htmlEscape(g.profiles.join(" "))}" data-verdicts="error">
<h3>${htmlEscape(g.reason)}${g.cases.length > 1 ? `<span class="count">×${g.cases.length}</span>` : ""}</h3><p>${list(g.cases, 10, (c) => `<code>${htmlEscape(c)}</code>`)}</p>${evidenceBlock(`curl-error-${n}`, g.example.evidence)}</section>`;
}

function clauseRow(v: ClauseVerdict): string {
  const s = styleOf(CLAUSE_VERDICTS, v.verdict);
  const note = v.expectedFailure ? `<br>expected: ${htmlEscape(v.expectedFailure)}` : v.note ? `<br>${htmlEscape(v.note)}` : "";
  const cases = v.cases.map((c) => `<code>${htmlEscape(c)}</code>`).join(" ");
  return `<tr id="${htmlEscape(v.id)}" data-filter data-profiles="${htmlEscape(v.profile)}" data-verdicts="${htmlEscape(v.verdict)}"><td class="id">${htmlEscape(v.id)}</td><td>${v.level}</td><td>${htmlEscape(v.profile)}</td><td><span class="nowrap">${badge(s)}</span>${note}</td><td>${renderSpecMarkdown(v.text)}</td><td>${cases}</td></tr>`;
}

function filters(report: ConformanceReport): string {
  const present = new Set<string>(report.clauses.map((v) => v.verdict));
  const verdicts = [...byOrder(CLAUSE_VERDICTS).filter((v) => present.has(v)), ...[...present].filter((v) => !(v in CLAUSE_VERDICTS))];
  const option = (value: string, label: string) => `<option value="${htmlEscape(value)}">${htmlEscape(label)}</option>`;
  return `<form class="filters" id="f-form" role="search">
<label>Profile <select id="f-profile">${option("", "all")}${report.profiles.map((p) => option(p, p)).join("")}</select></label>
<label>Verdict <select id="f-verdict">${option("", "all")}${verdicts.map((v) => option(v, styleOf(CLAUSE_VERDICTS, v).label)).join("")}</select></label>
<input type="search" id="f-search" placeholder="Search clauses, causes, cases" aria-label="Search">
<span id="f-shown" aria-live="polite"></span></form>`;
}

export function renderHtml(report: ConformanceReport): string {
  const s = report.summary;
  const verdict = styleOf(PROFILE_VERDICTS, s.verdict);
  const verdicts = new Map(report.clauses.map((v) => [v.id, v]));
  const { failures, errors } = groupFailures(report);
  const failedChecks = failures.reduce((n, g) => n + g.count, 0);
  const title = `LIS ${report.spec} conformance: ${verdict.label}`;
  const { unfinished, unfinishedLine } = errorCases(report);
  const run = report.run;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${htmlEscape(title)}</title><style>${STYLE}</style></head><body>
<h1>LIS ${htmlEscape(report.spec)} conformance: ${badge(verdict)}</h1>
<p>Started ${htmlEscape(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s, ${htmlEscape(report.tool.name)} ${htmlEscape(report.tool.version)}. Exit code ${s.exitCode}.<br>
Cases: ${s.cases.total} (${htmlEscape(countsPhrase(CASE_STATUSES, s.cases))}). Clauses: ${s.clauses.total} (${htmlEscape(countsPhrase(CLAUSE_VERDICTS, s.clauses))}).</p>
${identity(report)}
${run.status !== "complete" ? `<p>${badge(CASE_STATUSES.error, "ended early")} <strong>The run ended early (${htmlEscape(run.status)}):</strong> ${htmlEscape(run.reason ?? "")}</p>${run.lastRequest ? `<details><summary>Last request sent before the target stopped answering (case <code>${htmlEscape(run.lastRequest.case)}</code>, step <code>${htmlEscape(run.lastRequest.step)}</code>)</summary><pre>${htmlEscape(trim(run.lastRequest.request, 4000))}</pre></details>` : ""}` : ""}
<h2>Profiles</h2>
<div class="scroll" data-allow-overflow><table><tr><th>Profile</th><th>Verdict</th><th>MUST passed</th><th>Failed</th><th>Untested</th><th>Not applicable</th><th>Not testable</th><th>Warnings (SHOULD/MAY)</th></tr>
${report.profileVerdicts.map((p) => `<tr><td>${htmlEscape(p.profile)}</td><td class="nowrap">${badge(styleOf(PROFILE_VERDICTS, p.verdict))}</td><td>${p.must.pass}/${p.must.total}</td><td>${p.must.fail}</td><td>${p.must.untested}</td><td>${p.must.notApplicable}</td><td>${p.must.notTestable}</td><td>${p.warnings.map(clauseLink).join(" ")}</td></tr>`).join("\n")}
</table></div>
${filters(report)}
${failures.length > 0 ? `<h2>Failures by root cause (${failures.length} cause${failures.length === 1 ? "" : "s"} of ${failedChecks} failed check${failedChecks === 1 ? "" : "s"})</h2>\n${failures.map((g, i) => groupBlock(g, i + 1, verdicts)).join("\n")}` : "<p>No clause failed.</p>"}
${errors.length + unfinished > 0 ? `<h2>Cases that could not be judged (${errors.reduce((n, g) => n + g.cases.length, 0) + unfinished})</h2>${errors.map(errorBlock).join("\n")}${unfinishedLine ? `<p>${htmlEscape(unfinishedLine)}</p>` : ""}` : ""}
${report.baseline ? `<h2>Baseline</h2><p><code>${htmlEscape(report.baseline.file)}</code>: ${report.baseline.expected.length} expected failure(s), ${report.baseline.stale.length} stale.</p>${report.baseline.stale.map((x) => `<p>${badge(CLAUSE_VERDICTS.fail, "stale")}: ${x.kind} <code>${htmlEscape(x.id)}</code> now passes; remove it from the baseline.</p>`).join("")}` : ""}
<h2>All clauses</h2>
<div class="scroll" data-allow-overflow><table id="clauses"><tr><th>Clause</th><th>Level</th><th>Profile</th><th>Verdict</th><th>Requirement</th><th>Cases</th></tr>
${report.clauses.map(clauseRow).join("\n")}
</table></div>
<script>${SCRIPT}</script>
</body></html>
`;
}
