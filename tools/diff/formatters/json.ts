import { summarise, type DiffResult } from "../model.js";

/** Machine-readable output: the result with its summary counts. */
export function formatJson(result: DiffResult): string {
  return `${JSON.stringify({ old: result.old, new: result.new, summary: summarise(result.changes), changes: result.changes, warnings: result.warnings }, null, 2)}\n`;
}
