import { basename } from "node:path";
import { readFileSync } from "node:fs";
import { getValidator } from "../validate/validators.js";
import { LisError, EXIT } from "../util/errors.js";
import { fixed, table } from "./format/table.js";

interface Comparable {
  file: string;
  task: string;
  model: { id: string };
  dataset: { sha256: string };
  settings: { limit: number | null };
  counts: { items: number; scored: number; failed: number };
  metrics: { id: string; value: number }[];
}

/** Reads and validates a report; a bad file is a usage error naming it. */
export function readReport(file: string): Comparable {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new LisError(`cannot read the report ${file}: ${(err as Error).message}`, EXIT.USAGE);
  }
  const result = getValidator("eval-report")(doc);
  if (!result.valid) throw new LisError(`${file} is not an evaluation report: ${result.errors.slice(0, 3).map((e) => `${e.pointer || "/"} ${e.message}`).join("; ")}`, EXIT.USAGE);
  return { file, ...(doc as Omit<Comparable, "file">) };
}

/** Why reports are not comparable (EVAL-005), or nothing. Pure. */
export function incomparability(reports: readonly Comparable[]): string[] {
  const [first, ...rest] = reports;
  const why: string[] = [];
  for (const r of rest) {
    if (r.task !== first.task) why.push(`${r.file} is a ${r.task} report, ${first.file} a ${first.task} report`);
    if (r.dataset.sha256 !== first.dataset.sha256) why.push(`${r.file} has dataset ${r.dataset.sha256.slice(7, 19)}…, ${first.file} has ${first.dataset.sha256.slice(7, 19)}…`);
    if (r.settings.limit !== first.settings.limit) why.push(`${r.file} has limit ${r.settings.limit}, ${first.file} has limit ${first.settings.limit}`);
  }
  return why;
}

/** The side-by-side table: metrics as rows, reports as columns; counts first so coverage is visible. Pure. */
export function formatComparison(reports: readonly Comparable[], forcedReasons: readonly string[] = []): string {
  const header = ["", ...reports.map((r) => `${r.model.id} (${basename(r.file)})`)];
  const ids = [...new Set(reports.flatMap((r) => r.metrics.map((m) => m.id)))];
  const rows = [
    header,
    ["items", ...reports.map((r) => String(r.counts.items))],
    ["scored", ...reports.map((r) => String(r.counts.scored))],
    ["failed", ...reports.map((r) => String(r.counts.failed))],
    ...ids.map((id) => [id, ...reports.map((r) => fixed(r.metrics.find((m) => m.id === id)?.value))]),
  ];
  const warning = forcedReasons.length ? `WARNING: these reports are NOT of the same dataset/task (compared because of --force):\n${forcedReasons.map((w) => `  - ${w}`).join("\n")}\n\n` : "";
  return `${warning}${table(rows)}\n`;
}
