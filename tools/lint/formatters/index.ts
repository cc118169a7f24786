import type { LintReport } from "../findings.js";
import { formatStylish } from "./stylish.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatJunit } from "./junit.js";
import { formatGithubActions } from "./github-actions.js";
import { formatMarkdown } from "./markdown.js";

/** Every output format of `lis lint --format`, by name; each is a pure function of the report. */
export const formatters: Record<string, (report: LintReport, options?: { color?: boolean }) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  "github-actions": formatGithubActions,
  markdown: formatMarkdown,
};
