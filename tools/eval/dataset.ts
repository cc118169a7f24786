import { byCodePoint } from "./metrics/confusion.js";
import { FORMATS, judgeLine } from "../datasets/formats.js";
import { datasetHasher, readLines } from "../datasets/lines.js";
import { LisError, EXIT } from "../util/errors.js";
import type { Task } from "./metrics/types.js";

/** One dataset item, with where it came from. */
export interface EvalItem {
  index: number;
  line: number;
  id?: string;
  /** classification */
  text?: string;
  label?: string;
  /** generation */
  messages?: unknown[];
  references?: string[];
  maxTokens?: number;
}

export interface EvalDataset {
  path: string;
  sha256: string;
  items: EvalItem[];
  /** The label set (classification), by code point. */
  labels: string[];
}

const MAX_REPORTED_PROBLEMS = 20;
/** Items held in memory at most (each is sent, so the dataset is read whole). */
const MAX_ITEMS = 1_000_000;

/**
 * Reads an evaluation dataset: every line must be valid for the task's line format, otherwise the whole
 * run is refused with each bad line as `file:line: reason` (exit 2) — a partly read dataset would give a
 * report whose hash claims items it never ran. The hash covers the whole file, whatever `limit` is.
 */
export async function loadEvalDataset(path: string, task: Task, limit?: number): Promise<EvalDataset> {
  const format = FORMATS[task];
  const hasher = datasetHasher();
  const items: EvalItem[] = [];
  const problems: string[] = [];
  let badLines = 0;
  for await (const raw of readLines(path, { onBytes: hasher.update })) {
    if ("problem" in raw) {
      badLines++;
      if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(`${path}:${raw.line}: ${raw.problem}`);
      continue;
    }
    if (raw.text.trim() === "") continue;
    const judged = judgeLine(raw.text, format, raw.line);
    if (!judged.ok) {
      badLines++;
      if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(`${path}:${raw.line}: ${judged.reasons.join("; ")}`);
      continue;
    }
    if (items.length >= MAX_ITEMS) throw new LisError(`${path}: more than ${MAX_ITEMS} items; split the dataset or use --limit`, EXIT.USAGE);
    items.push(toItem(judged.value, items.length, raw.line, task));
  }
  if (badLines > 0) {
    const more = badLines > problems.length ? `\n… and ${badLines - problems.length} more` : "";
    throw new LisError(`${badLines} invalid line(s) in the ${task} dataset (fix them; 'lis validate-dataset' lists all):\n${problems.join("\n")}${more}`, EXIT.USAGE);
  }
  if (items.length === 0) throw new LisError(`${path}: the dataset has no items`, EXIT.USAGE);
  const labels = task === "classification" ? [...new Set(items.map((i) => i.label!))].sort(byCodePoint) : [];
  return { path, sha256: hasher.digest(), items: limit === undefined ? items : items.slice(0, limit), labels };
}

function toItem(v: Record<string, unknown>, index: number, line: number, task: Task): EvalItem {
  const id = typeof v.id === "string" ? v.id : undefined;
  if (task === "classification") return { index, line, id, text: v.text as string, label: v.label as string };
  const messages = typeof v.prompt === "string" ? [{ role: "user", content: v.prompt }] : (v.messages as unknown[]);
  const references = typeof v.reference === "string" ? [v.reference] : (v.references as string[]);
  return { index, line, id, messages, references, maxTokens: typeof v.max_tokens === "number" ? v.max_tokens : undefined };
}
