/** The JSON report (schema: schemas/reports/conformance-report.schema.json). Pure. */
import type { ConformanceReport } from "../report.js";

export function renderJson(report: ConformanceReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
