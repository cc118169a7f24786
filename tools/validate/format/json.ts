import type { ValidationReport } from "../report.js";

/** The report as JSON, for scripts: every document with its location, validity and errors. */
export function formatValidationJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
