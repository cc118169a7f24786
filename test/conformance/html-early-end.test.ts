import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "../../tools/conformance/conformance.js";
import { renderHtml } from "../../tools/conformance/reporters/html.js";
import { hasBrowser, horizontalOverflow, withPage } from "../support/browser.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";

// The HTML report of a run that ended early (its target hung), as a person sees it in headless Chromium:
// the reason at the top, the last request sent (long lines and all) inside the page, the unfinished cases
// in one line.
describe.skipIf(!hasBrowser)("the HTML report of a run that ended early, in a real browser", () => {
  const { fake } = fakesClosedAfterEach();
  let file: string;
  beforeAll(async () => {
    const server = await fake((req, res) => (req.method === "GET" && req.url === "/v1/models" ? json(res, 200, { object: "list", data: [{ id: "m", object: "model", created: 1, owned_by: "x" }] }) : undefined));
    const { report } = await runConformance({ baseUrl: server.url, model: "m", profiles: ["core"], timeoutMs: 300, apiKey: "sk-early-end-SECRET-424242" });
    expect(report.run.status).toBe("target-down");
    file = join(mkdtempSync(join(tmpdir(), "lis-html-early-")), "report.html");
    writeFileSync(file, renderHtml(report));
    await server.close();
  });

  it("says why the run ended and shows the last request without overflowing the page", async () => {
    const seen = await withPage(async (page, errors) => {
      await page.goto(pathToFileURL(file).href);
      await page.locator("details", { hasText: "Last request sent" }).first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      return { errors, text: await page.locator("body").innerText(), overflow: await horizontalOverflow(page) };
    }, { width: 800, height: 900 });
    expect(seen.errors).toEqual([]);
    expect(seen.text).toMatch(/The run ended early \(target-down\): target down: 2 requests in a row got no complete answer/);
    expect(seen.text).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v1\//);
    expect(seen.text.match(/case\(s\) not judged: target down/g)).toHaveLength(1);
    expect(seen.text).not.toContain("SECRET");
    expect(seen.overflow).toEqual([]);
  });
});
