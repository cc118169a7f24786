/** Every report format `lis conformance --report` writes, requested at once, and read back checked for validity. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import { reportValidator } from "./report-schema.js";

export const FORMATS = ["json", "junit", "markdown", "html", "badge"] as const;
const FILE: Record<(typeof FORMATS)[number], string> = { json: "report.json", junit: "junit.xml", markdown: "summary.md", html: "report.html", badge: "badge.svg" };

/** `--report json=DIR/report.json,junit=…` for every format, with the paths. */
export function everyReport(dir: string): { option: string; paths: Record<(typeof FORMATS)[number], string> } {
  const paths = Object.fromEntries(FORMATS.map((f) => [f, join(dir, FILE[f])])) as Record<(typeof FORMATS)[number], string>;
  return { option: FORMATS.map((f) => `${f}=${paths[f]}`).join(","), paths };
}

let validate: ReturnType<typeof reportValidator> | undefined;

/**
 * Reads every report back and says what is wrong with any of them: missing, or not valid (the JSON
 * against its schema, JUnit and the badge as XML, Markdown and HTML as whole documents). Empty list: all good.
 */
export function reportProblems(paths: Record<(typeof FORMATS)[number], string>): { problems: string[]; json?: ConformanceReport; texts: string[] } {
  const problems: string[] = [];
  const texts: string[] = [];
  let json: ConformanceReport | undefined;
  for (const format of FORMATS) {
    if (!existsSync(paths[format])) {
      problems.push(`${format}: not written`);
      continue;
    }
    const text = readFileSync(paths[format], "utf8");
    texts.push(text);
    if (format === "json") {
      validate ??= reportValidator();
      try {
        json = JSON.parse(text);
        if (!validate(json)) problems.push(`json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      } catch (err) {
        problems.push(`json: ${(err as Error).message}`);
      }
    } else if (format === "junit" || format === "badge") {
      const valid = XMLValidator.validate(text);
      if (valid !== true) problems.push(`${format}: ${JSON.stringify(valid)}`);
    } else if (format === "html" && !(/^<!doctype html>/i.test(text) && /<\/html>\s*$/.test(text))) problems.push("html: not a whole document");
    else if (format === "markdown" && !/^## /.test(text)) problems.push("markdown: no heading");
  }
  return { problems, json, texts };
}

/** Pieces of `secret` (six characters or more, as the redactor counts) found in any of `texts`. */
export function secretPieces(secret: string, texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (let i = 0; i + 6 <= secret.length; i++) if (text.includes(secret.slice(i, i + 6))) found.add(secret.slice(i, i + 6));
  return [...found];
}
