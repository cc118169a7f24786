import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "../../tools/conformance/conformance.js";
import { renderHtml } from "../../tools/conformance/reporters/html.js";
import { ROOT } from "../../tools/util/paths.js";
import { hasBrowser, withPage } from "../support/browser.js";

// The HTML report as a person sees it: opened from disk in headless Chromium, offline.
describe.skipIf(!hasBrowser)("the HTML report in a real browser", () => {
  let file: string;
  beforeAll(async () => {
    const { report } = await runConformance({ cases: join(ROOT, "test", "conformance", "fixtures", "fail.yaml"), apiKey: "sk-browser-secret-123456" });
    file = join(mkdtempSync(join(tmpdir(), "lis-html-")), "report.html");
    writeFileSync(file, renderHtml(report));
  });

  it("loads from disk with no page error and no network request, and shows the verdict and the failed clause", async () => {
    const seen = await withPage(async (page, errors) => {
      await page.goto(pathToFileURL(file).href);
      const text = await page.locator("body").innerText();
      return { errors, text, title: await page.title() };
    });
    expect(seen.errors).toEqual([]);
    expect(seen.title).toMatch(/LIS/);
    expect(seen.text).toMatch(/not.conformant/i);
    expect(seen.text).toContain("MODEL-002");
    expect(seen.text).not.toContain("browser-secret");
  });
});
