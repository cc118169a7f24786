import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";

/**
 * What a person looks at (HTML reports, badges, charts) is checked in a real browser: Debian's chromium,
 * which .ci/run installs. Where it is missing (a user's clone without it), suites use
 * `describe.skipIf(!hasBrowser)` and this note says, visibly, why they were skipped.
 * LIS_CHROMIUM points at another Chromium binary.
 */
export const chromiumPath = process.env.LIS_CHROMIUM ?? "/usr/bin/chromium";
export const hasBrowser = existsSync(chromiumPath);

if (!hasBrowser) {
  process.stderr.write(`note: ${chromiumPath} is absent; browser checks are skipped (install Debian's chromium, or set LIS_CHROMIUM)\n`);
}

// The flags this sandbox needs: no GPU, no sandbox as root, and no background connections to the outside
// (this machine's network is closed; Chromium would otherwise keep retrying Google's hosts).
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Opens a fresh headless Chromium (Playwright gives it its own empty, temporary profile), hands a page to `use`, and always closes it.
 * Console errors and page errors are collected: a page that throws is a failed check, not a quiet one.
 */
export async function withPage<T>(use: (page: Page, errors: string[]) => Promise<T>, viewport = { width: 1280, height: 900 }): Promise<T> {
  const { chromium } = await import("playwright-core");
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: FLAGS, timeout: 30_000 });
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`console error: ${msg.text()}`);
    });
    // Nothing a report shows may come from the network: any request that leaves the page is refused and recorded.
    await page.route(/^(?!file:|data:|about:)/, (route) => {
      errors.push(`network request: ${route.request().url()}`);
      return route.abort();
    });
    return await use(page, errors);
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

/**
 * Elements wider than the viewport or whose content overflows their box horizontally (text that does not
 * wrap, tables that stick out): each as "tag.class: scrollWidth > clientWidth".
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      // Scroll containers are allowed to scroll; what they hold is not overflow of the page.
      const scrolls = ["auto", "scroll"].includes(style.overflowX);
      const rect = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.split(/\s+/).join(".")}` : ""}`;
      if (rect.right > vw + 1 && !el.closest("[data-allow-overflow]")) out.push(`${name}: right edge ${Math.round(rect.right)} > viewport ${vw}`);
      else if (!scrolls && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "hidden" && el.clientWidth > 0) out.push(`${name}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
    }
    return out;
  });
}
