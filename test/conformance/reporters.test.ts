import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ROOT } from "../../tools/util/paths.js";
import { runConformance } from "../../tools/conformance/conformance.js";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import { renderJson } from "../../tools/conformance/reporters/json.js";
import { renderJunit, xmlEscape } from "../../tools/conformance/reporters/junit.js";
import { renderMarkdown } from "../../tools/conformance/reporters/markdown.js";
import { htmlEscape, renderHtml, renderSpecMarkdown } from "../../tools/conformance/reporters/html.js";
import { progressLine, renderConsole } from "../../tools/conformance/reporters/console.js";
import { reportValidator } from "./report-schema.js";
import { MAX_WIDTH, badgeText, renderBadge, renderBadgeJson, svgWidth } from "../../tools/conformance/reporters/badge.js";


let report: ConformanceReport;
beforeAll(async () => {
  ({ report } = await runConformance({ cases: join(ROOT, "test", "conformance", "fixtures", "fail.yaml"), apiKey: "sk-reporters-secret-123456" }));
});

describe("reports of a run against the embedded reference server", () => {
  it("the run itself: one pass, one fail naming MODEL-002, SHOULD failure as a warning, exit 1", () => {
    expect(report.summary.cases).toMatchObject({ total: 2, pass: 1, fail: 1 });
    expect(report.summary.unexpectedFailures).toEqual(["MODEL-002"]);
    expect(report.profileVerdicts.find((p) => p.profile === "core")?.warnings).toEqual(["HTTP-014"]);
    expect(report.summary.exitCode).toBe(1);
    expect(report.target).toMatchObject({ embedded: true, model: "lis-tiny", authenticated: true });
  });

  it("JSON: valid against schemas/reports/conformance-report.schema.json, and no key inside", () => {
    const validate = reportValidator();
    const text = renderJson(report);
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(text).not.toContain("reporters-secret");
    expect(text).toContain("[REDACTED]"); // the Authorization header in the evidence
    // The schema is strict enough to reject a broken report.
    expect(validate({ ...JSON.parse(text), summary: { ...report.summary, exitCode: 7 } })).toBe(false);
  });

  it("JUnit: well-formed XML, one testcase per case, clause ids as properties, a failure element", () => {
    const xml = renderJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    const suites = [doc.testsuites.testsuite].flat();
    const testcases = suites.flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Record<string, unknown>[];
    expect(testcases.map((t) => t.name).sort()).toEqual(["fixture-impossible", "fixture-models-list"]);
    const failing = testcases.find((t) => t.name === "fixture-impossible")!;
    const props = [(failing.properties as { property: unknown }).property].flat() as { name: string; value: string }[];
    expect(props.filter((p) => p.name === "clause").map((p) => p.value).sort()).toEqual(expect.arrayContaining(["HTTP-014", "MODEL-001", "MODEL-002", "MODEL-005"])); // and the synthetic check's clauses
    expect((failing.failure as { message: string }).message).toMatch(/MODEL-002/);
    expect(doc.testsuites.failures).toBe("1");
    expect(xmlEscape("a<b>&\"'\u0000")).toBe("a&lt;b&gt;&amp;&quot;&apos;\uFFFD");
  });

  it("Markdown: a verdict heading, the profile table and the failed clause with its text", () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/^## ❌ LIS 1\.0 conformance: not conformant/);
    expect(md).toMatch(/\| core \| ❌ not-conformant \|/);
    expect(md).toMatch(/\| \*\*MODEL-002\*\* \| MUST \| Each model object MUST/);
    expect(md).toMatch(/Warnings: failed SHOULD\/MAY clauses \(1\)/);
  });

  it("HTML: one self-contained page with the verdict, the server, the profile table, failures by root cause with evidence and curl, every clause", () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<h1>LIS 1\.0 conformance: <span class="t-bad">not conformant<\/span><\/h1>/);
    expect(html).toMatch(/<dt>Server header<\/dt><dd><code>lis-serve\/[\d.]+<\/code>/);
    expect(html).toMatch(/<dt>Models listed<\/dt><dd><code>lis-tiny<\/code>/);
    expect(html).toMatch(/<summary>Discovery document/);
    expect(html).toMatch(/<td>core<\/td><td class="nowrap"><span class="t-bad">not conformant<\/span><\/td>/);
    expect(html).toMatch(/<h2>Failures by root cause \(2 causes of 2 failed checks\)<\/h2>/);
    expect(html).toMatch(/clauses <a class="id" href="#MODEL-002">MODEL-002<\/a>/);
    expect(html).toMatch(/<summary>request and response<\/summary><pre>GET /);
    expect(html).toMatch(/<button type="button" data-copy="curl-1">Copy as curl<\/button>/);
    expect(html).toMatch(/curl -sS &#39;http:\/\/127\.0\.0\.1:\d+\/v1\/models&#39; -H &quot;authorization: Bearer \$LIS_API_KEY&quot;/);
    expect(html.match(/<tr id="/g)).toHaveLength(report.clauses.length);
    // The spec's Markdown is rendered: code spans, and CHAT-018's table is a table.
    expect(html).toContain("<td class=\"id\">MODEL-002</td>");
    expect(html).toMatch(/members <code>id<\/code> \(a non-empty string\)/);
    expect(html).toMatch(/<select id="f-profile">.*<option value="fine-tuning">/);
    expect(html).toMatch(/<select id="f-verdict"><option value="">all<\/option><option value="fail">fail<\/option>/);
    // Nothing loaded from elsewhere: the only script is inline, and the CSP allows it by its hash alone.
    expect(html).not.toMatch(/<link|src=/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toMatch(/content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:"/);
    expect(html).not.toContain("reporters-secret");
    // Everything taken from the server is escaped: a hostile body cannot inject markup.
    const hostile = { ...report, target: { ...report.target, model: '<img src=x onerror="alert(1)">', server: "<script>alert(1)</script>" } };
    expect(renderHtml(hostile)).toContain(htmlEscape('<img src=x onerror="alert(1)">'));
    expect(renderHtml(hostile)).not.toContain("<img");
    expect(renderHtml(hostile).match(/<script>/g)).toHaveLength(1);
  });

  it("HTML: spec Markdown becomes HTML, raw HTML in it stays text, relative links their text, images their alt text", () => {
    expect(renderSpecMarkdown("A `finish_reason`:\n\n| a | b |\n| --- | --- |\n| `stop` | end |")).toMatch(/<code>finish_reason<\/code>[\s\S]*<table>[\s\S]*<td><code>stop<\/code><\/td>/);
    expect(renderSpecMarkdown("text <think>raw</think> <script>x</script>")).toBe("<p>text &lt;think&gt;raw&lt;/think&gt; &lt;script&gt;x&lt;/script&gt;</p>\n");
    expect(renderSpecMarkdown("see [tools](tools.md) and [RFC](https://www.rfc-editor.org/rfc/rfc9110) ![x](http://evil/x.png)")).toBe('<p>see tools and <a href="https://www.rfc-editor.org/rfc/rfc9110" rel="noreferrer">RFC</a> x</p>\n');
  });

  it("console: summary table, each failure with clause id, clause text, expected vs got and evidence; no colour codes when asked", () => {
    const text = renderConsole(report, { color: false });
    expect(text).toMatch(/Profile\s+Verdict\s+MUST pass/);
    expect(text).toMatch(/✗ MODEL-002 \(MUST, core\) Each model object MUST have/);
    expect(text).toMatch(/expected: equals "not-a-list"/);
    expect(text).toMatch(/got: {6}"list"/);
    expect(text).toMatch(/deliberately impossible/);
    expect(text).toMatch(/request: {2}GET http:\/\/127\.0\.0\.1:\d+\/v1\/models/);
    expect(text).toMatch(/Result: not conformant; exit 1/);
    expect(text).not.toContain("\x1b[");
    expect(renderConsole(report, { color: true })).toContain("\x1b[");
    expect(progressLine(report.cases[1], 2, 2, { color: false })).toBe("[2/2] ✗ fixture-impossible fail");
  });

  it("badge: drawn by badge-maker, shields-size, naming the failing profile; per profile; shields.io endpoint JSON", () => {
    const svg = renderBadge(report);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(badgeText(report)).toMatchObject({ label: "LIS 1.0", message: "core failing", color: "red" });
    expect(svgWidth(svg)).toBeLessThanOrEqual(MAX_WIDTH);
    expect(svg).toMatch(/<title>LIS 1\.0: core not conformant, streaming incomplete, .*<\/title>/);
    expect(svg).toMatch(/aria-label="LIS 1\.0: core failing"/);
    expect(badgeText(report, "streaming")).toMatchObject({ label: "LIS 1.0 streaming", message: "incomplete", color: "yellow" });
    expect(JSON.parse(renderBadgeJson(report, "core"))).toEqual({ schemaVersion: 1, label: "LIS 1.0 core", message: "failing", color: "red" });
  });
});
