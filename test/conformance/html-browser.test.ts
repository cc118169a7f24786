import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "../../tools/conformance/conformance.js";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import { renderBadge } from "../../tools/conformance/reporters/badge.js";
import { renderHtml } from "../../tools/conformance/reporters/html.js";
import { ROOT } from "../../tools/util/paths.js";
import { horizontalOverflow, hasBrowser, withPage } from "../support/browser.js";
import { json, startFake } from "./fake-server.js";

// The HTML report and the badge as a person sees them: opened from disk in headless Chromium, offline.
const fixture = (name: string) => join(ROOT, "test", "conformance", "fixtures", name);
const KEY = "sk-browser-secret-123456";

describe.skipIf(!hasBrowser)("the HTML report in a real browser", () => {
  let dir: string;
  /** Every kind of report: conformant, failing with many grouped failures, failing against a fixture, with cases in error, with a baseline. */
  const reports: Record<string, ConformanceReport> = {};
  const file = (kind: string) => join(dir, `${kind}.html`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lis-html-"));
    reports.conformant = (await runConformance({ apiKey: KEY })).report;
    reports.grouped = (await runConformance({ apiKey: KEY, serverFaults: ["ERR-002"] })).report;
    reports.failing = (await runConformance({ cases: fixture("fail.yaml"), apiKey: KEY })).report;
    const baseline = join(dir, "baseline.yaml");
    writeFileSync(baseline, "expected-failures:\n  - clause: MODEL-002\n    reason: tracked upstream\n  - clause: MODEL-001\n    reason: fixed since\n");
    reports.baseline = (await runConformance({ cases: fixture("fail.yaml"), apiKey: KEY, expect: baseline })).report;
    // A server that answers the pre-flight and then drops every connection: cases in error, grouped by reason.
    const dropping = await startFake((req, res) => (req.url === "/v1/models" && req.method === "GET" ? json(res, 200, { object: "list", data: [{ id: "m", object: "model", created: 1, owned_by: "x" }] }, { server: "flaky/1.0" }) : res.destroy()));
    try {
      reports.errors = (await runConformance({ baseUrl: dropping.url, model: "m", apiKey: KEY, profiles: ["core"], filter: "chat-*" })).report;
    } finally {
      await dropping.close();
    }
    for (const [kind, report] of Object.entries(reports)) writeFileSync(file(kind), renderHtml(report));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = <T>(kind: string, use: (page: Page) => Promise<T>, width = 1280) =>
    withPage(async (page, errors) => {
      await page.goto(pathToFileURL(file(kind)).href);
      const result = await use(page);
      return { result, errors };
    }, { width, height: 900 });

  it("every kind of report loads with no page error and no network request, shows its verdict, and no key", async () => {
    expect(reports.grouped.summary.verdict).toBe("not-conformant");
    expect(reports.errors.summary.cases.error).toBeGreaterThan(0);
    // One browser for every report: each page load is checked on its own.
    await withPage(async (page, errors) => {
      for (const kind of Object.keys(reports)) {
        await page.goto(pathToFileURL(file(kind)).href);
        expect(errors, kind).toEqual([]);
        expect(await page.title(), kind).toMatch(/^LIS 1\.0 conformance: /);
        expect(await page.locator("body").innerText(), kind).not.toContain("browser-secret");
      }
    });
  }, 120_000);

  it("no layout overflow at desktop and phone widths, and clause ids never wrap", async () => {
    await withPage(async (page, errors) => {
      for (const kind of Object.keys(reports)) {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(pathToFileURL(file(kind)).href);
          await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
          const wrapped = await page.evaluate(() =>
            Array.from(document.querySelectorAll<HTMLElement>("td.id, a.id"))
              .filter((el) => {
                // The text's own line boxes: more than one distinct line means "CONV-/001".
                const range = document.createRange();
                range.selectNodeContents(el);
                return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1;
              })
              .map((el) => el.textContent),
          );
          // Tables may scroll sideways inside their box on a phone, never on a desktop.
          const scrolled = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>(".scroll")).filter((el) => el.scrollWidth > el.clientWidth + 1).length);
          expect(await horizontalOverflow(page), `${kind} at ${width} px`).toEqual([]);
          expect(wrapped, `${kind} at ${width} px`).toEqual([]);
          if (width === 1280) expect(scrolled, `${kind}: a table wider than the page`).toBe(0);
          expect(errors).toEqual([]);
        }
      }
    });
  }, 180_000);

  it("groups failures by root cause: one group with its count, not a list of identical failures", async () => {
    const seen = await open("grouped", async (page) => ({
      groups: await page.locator("section.group h3").allInnerTexts(),
      heading: await page.locator("h2", { hasText: "Failures by root cause" }).innerText(),
    }));
    expect(seen.result.heading).toMatch(/Failures by root cause \(\d+ causes? of \d+ failed checks\)/);
    const envelope = seen.result.groups.find((g) => g.includes("missing member `param` at /error"));
    expect(envelope).toMatch(/×\d{2}/); // 28 error answers without `param`, one cause
    expect(new Set(seen.result.groups).size).toBe(seen.result.groups.length);
  });

  it("shows the server's identity and renders the spec's Markdown (CHAT-018's table is a table)", async () => {
    const seen = await open("conformant", async (page) => ({
      identity: await page.locator("dl").innerText(),
      discovery: await page.locator("summary", { hasText: "Discovery document" }).count(),
      tableInChat018: await page.locator("tr#CHAT-018 td table th").allInnerTexts(),
      codeInChat018: await page.locator("tr#CHAT-018 td code").first().innerText(),
    }));
    expect(seen.result.identity).toMatch(/Server header\s+lis-serve\/\d/);
    expect(seen.result.identity).toMatch(/Models listed\s+lis-tiny/);
    expect(seen.result.discovery).toBe(1);
    expect(seen.result.tableInChat018).toEqual(["finish_reason", "Meaning"]);
    expect(seen.result.codeInChat018).toBe("finish_reason");
    const flaky = await open("errors", async (page) => page.locator("dl").innerText());
    expect(flaky.result).toMatch(/Server header\s+flaky\/1\.0/);
  });

  it("filters by profile and verdict and searches, counting what is shown", async () => {
    const seen = await open("conformant", async (page) => {
      const visibleRows = () => page.locator("#clauses tr[data-filter]:visible");
      const all = await visibleRows().count();
      await page.selectOption("#f-profile", "streaming");
      const streaming = await visibleRows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-profiles")));
      await page.selectOption("#f-verdict", "not-testable");
      const notTestable = await visibleRows().evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-profiles")} ${r.getAttribute("data-verdicts")}`));
      const shown = await page.locator("#f-shown").innerText();
      await page.selectOption("#f-profile", "");
      await page.selectOption("#f-verdict", "");
      await page.fill("#f-search", "finish_reason");
      const searched = await visibleRows().evaluateAll((rows) => rows.map((r) => r.id));
      await page.press("#f-search", "Enter"); // submitting the form must not reload the page
      const afterEnter = await page.inputValue("#f-search");
      await page.fill("#f-search", "");
      return { all, streaming, notTestable, shown, searched, afterEnter, again: await visibleRows().count() };
    });
    const r = seen.result;
    expect(r.all).toBe(reports.conformant.clauses.length);
    expect(r.streaming.length).toBe(reports.conformant.clauses.filter((v) => v.profile === "streaming").length);
    expect(new Set(r.streaming)).toEqual(new Set(["streaming"]));
    expect(r.notTestable.length).toBeGreaterThan(0);
    expect(new Set(r.notTestable)).toEqual(new Set(["streaming not-testable"]));
    expect(r.shown).toBe(`${r.notTestable.length} of ${r.all} clauses shown`);
    expect(r.searched).toContain("CHAT-018");
    expect(r.searched.length).toBeLessThan(r.all);
    expect(r.afterEnter).toBe("finish_reason");
    expect(r.again).toBe(r.all);
    expect(seen.errors).toEqual([]);
  });

  it("filters the root-cause groups too, and copies a failing request as curl with the key as $LIS_API_KEY", async () => {
    const seen = await open("failing", async (page) => {
      const groups = () => page.locator("section.group:visible").count();
      const before = await groups();
      await page.selectOption("#f-verdict", "pass");
      const hidden = await groups();
      await page.selectOption("#f-verdict", "");
      await page.locator("section.group details").first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      const curl = await page.locator("#curl-1").innerText();
      await page.locator("button[data-copy=curl-1]").click();
      await page.waitForFunction(() => document.querySelector("button[data-copy=curl-1] + .copied")?.textContent !== "");
      return { before, hidden, curl, note: await page.locator("button[data-copy=curl-1] + .copied").innerText() };
    });
    expect(seen.result.before).toBe(2);
    expect(seen.result.hidden).toBe(0);
    expect(seen.result.curl).toMatch(/^curl -sS 'http:\/\/127\.0\.0\.1:\d+\/v1\/models' -H "authorization: Bearer \$LIS_API_KEY"$/);
    expect(seen.result.note).toBe("copied");
    expect(seen.errors).toEqual([]);
  });
});

describe.skipIf(!hasBrowser)("the badge in a real browser", () => {
  it("renders within 200 px, its text inside it, for a conformant and a failing run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lis-badge-"));
    try {
      const runs = { pass: (await runConformance({ cases: fixture("pass.yaml"), profiles: ["core"] })).report, fail: (await runConformance({ cases: fixture("fail.yaml") })).report };
      for (const [kind, report] of Object.entries(runs)) {
        const svg = join(dir, `${kind}.svg`);
        writeFileSync(svg, renderBadge(report));
        const seen = await withPage(async (page, errors) => {
          await page.goto(pathToFileURL(svg).href);
          const box = await page.evaluate(() => {
            const root = document.documentElement as unknown as SVGSVGElement;
            const texts = Array.from(root.querySelectorAll("text")).filter((t) => !t.getAttribute("aria-hidden")).map((t) => ({ text: t.textContent, right: t.getBoundingClientRect().right }));
            return { width: root.getBoundingClientRect().width, texts };
          });
          return { box, errors };
        });
        expect(seen.errors).toEqual([]);
        expect(seen.box.width).toBeGreaterThan(60);
        expect(seen.box.width).toBeLessThanOrEqual(200);
        for (const t of seen.box.texts) expect(t.right, `${kind}: ${t.text}`).toBeLessThanOrEqual(seen.box.width + 1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
