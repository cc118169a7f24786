import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasBrowser, horizontalOverflow, withPage } from "../support/browser.js";
import { runCli } from "../support/cli.js";

// The bench's HTML report as a person sees it: opened from disk in headless Chromium, offline, with its
// charts drawn (static SVG, no script) and nothing sticking out of the page.
describe.skipIf(!hasBrowser)("the lis bench HTML report in a real browser", () => {
  const dir = mkdtempSync(join(tmpdir(), "lis-bench-html-"));
  const file = join(dir, "bench.html");
  beforeAll(() => {
    const r = runCli(["bench", "--latency", "ttft=15ms,itl=2ms,jitter=1ms", "--concurrency", "1,4", "--requests", "16", "--warmup", "2", "--input-tokens", "8", "--output-tokens", "12", "--ignore-eos", "--api-key", "sk-html-secret-4c2b9e", "--report", `html=${file}`]);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads with no error and no network request, shows the sweep and four charts with their data", async () => {
    const seen = await withPage(async (page, errors) => {
      await page.goto(pathToFileURL(file).href);
      const charts = await page.locator("figure.chart svg").evaluateAll((svgs) => svgs.map((s) => ({ width: s.getBoundingClientRect().width, paths: s.querySelectorAll("path").length, text: s.textContent ?? "" })));
      return { errors, title: await page.title(), text: await page.locator("body").innerText(), charts, overflow: await horizontalOverflow(page) };
    });
    expect(seen.errors).toEqual([]);
    expect(seen.title).toBe("LIS bench: lis-tiny");
    expect(seen.text).toMatch(/concurrency 4/);
    expect(seen.text).toMatch(/TTFT \(ms\)/);
    expect(seen.charts).toHaveLength(4);
    for (const c of seen.charts) {
      expect(c.width).toBeGreaterThan(300);
      expect(c.paths).toBeGreaterThan(3); // axes and at least one drawn series
    }
    expect(seen.charts[0].text).toMatch(/Latency against throughput/);
    expect(seen.charts[0].text).toMatch(/c=4/);
    // SVG text has no CSS box of its own (scrollWidth means nothing there); the SVG itself is checked by width.
    expect(seen.overflow.filter((o) => !/^(text|tspan|g|path|rect):/.test(o))).toEqual([]);
    for (const c of seen.charts) expect(c.width).toBeLessThanOrEqual(1280);
    expect(readFileSync(file, "utf8")).not.toContain("html-secret");
  }, 60_000);
});
