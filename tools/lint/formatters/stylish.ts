import { stylish } from "@stoplight/spectral-formatters";
import chalk from "chalk";
import type { IRuleResult } from "@stoplight/spectral-core";
import { messageWithClause, type LintReport, type Severity } from "../findings.js";

/** Spectral's DiagnosticSeverity: error 0, warning 1, information 2, hint 3. */
const SPECTRAL_SEVERITY: Record<Severity, 0 | 1 | 2 | 3> = { error: 0, warn: 1, info: 2, hint: 3 };

export interface StylishOptions {
  /** ANSI colours (a terminal): the command decides, not the environment of whoever renders. */
  color?: boolean;
}

/**
 * The console format: Spectral's own stylish formatter (@stoplight/spectral-formatters), so that the output
 * is the one Spectral users read every day (`warning`, `information`, the `✖ N problems` summary), with the
 * LIS clause in front of each message. Pure: colour is an option, never read from the environment.
 */
export function formatStylish(report: LintReport, options: StylishOptions = {}): string {
  if (report.findings.length === 0) return `No problems found in ${report.files.join(", ")}.\n`;
  const results = report.findings.map(
    (f): IRuleResult => ({
      code: f.rule,
      message: messageWithClause(f),
      path: f.path,
      severity: SPECTRAL_SEVERITY[f.severity],
      source: f.file,
      range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: Math.max(f.endLine, f.line) - 1, character: Math.max(f.endColumn - 1, 0) } },
      ...(f.documentationUrl ? { documentationUrl: f.documentationUrl } : {}),
    }),
  );
  // The formatter colours through chalk's shared level: set it for this call only.
  const level = chalk.level;
  chalk.level = options.color ? Math.max(level, 1) as typeof level : 0;
  try {
    return stylish(results, { failSeverity: 0 });
  } finally {
    chalk.level = level;
  }
}
