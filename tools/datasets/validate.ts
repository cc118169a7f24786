import { byCodePoint } from "../eval/metrics/confusion.js";
import { FORMATS, countTokens, judgeLine, type LineFormat } from "./formats.js";
import { chatFormat } from "./chat-format.js";
import { readLines } from "./lines.js";
import { LisError, EXIT } from "../util/errors.js";

/** Every line format `lis validate-dataset` knows. */
export const DATASET_FORMATS: Record<string, LineFormat> = { ...FORMATS, chat: chatFormat };

/** Distinct labels counted one by one; beyond this, labels are counted together (memory stays bounded). */
export const MAX_DISTINCT_LABELS = 10_000;

export interface DatasetSummary {
  file: string;
  format: string;
  /** Lines of the file, blank ones included. */
  lines: number;
  blankLines: number;
  validLines: number;
  invalidLines: number;
  /** Estimated tokens of the valid lines' texts (spec/1.0/fine-tuning.md, "Summary statistics"). */
  tokens: number;
  /** Classification only: label → number of valid lines, by code point. */
  labels?: Record<string, number>;
  /** Lines whose label was not counted by name because MAX_DISTINCT_LABELS was reached. */
  otherLabels?: number;
}

export interface LineProblem {
  line: number;
  reasons: string[];
}

/** Streams a dataset file line by line (constant memory), calling onProblem for each invalid line. */
export async function validateDataset(file: string, formatName: string, onProblem: (p: LineProblem) => void): Promise<DatasetSummary> {
  const format = DATASET_FORMATS[formatName];
  if (!format) throw new LisError(`unknown dataset format '${formatName}'; known: ${Object.keys(DATASET_FORMATS).join(", ")}`, EXIT.USAGE);
  const summary: DatasetSummary = { file, format: formatName, lines: 0, blankLines: 0, validLines: 0, invalidLines: 0, tokens: 0 };
  const labels = format.label ? new Map<string, number>() : undefined;
  let otherLabels = 0;
  for await (const raw of readLines(file)) {
    summary.lines = raw.line;
    if ("problem" in raw) {
      summary.invalidLines++;
      onProblem({ line: raw.line, reasons: [raw.problem] });
      continue;
    }
    if (raw.text.trim() === "") {
      summary.blankLines++;
      continue;
    }
    const judged = judgeLine(raw.text, format, raw.line);
    if (!judged.ok) {
      summary.invalidLines++;
      onProblem({ line: raw.line, reasons: judged.reasons });
      continue;
    }
    summary.validLines++;
    for (const text of format.texts(judged.value)) summary.tokens += countTokens(text);
    const label = format.label?.(judged.value);
    if (labels && label !== undefined) {
      if (labels.has(label) || labels.size < MAX_DISTINCT_LABELS) labels.set(label, (labels.get(label) ?? 0) + 1);
      else otherLabels++;
    }
  }
  if (labels) {
    summary.labels = Object.fromEntries([...labels.entries()].sort(([a], [b]) => byCodePoint(a, b)));
    if (otherLabels) summary.otherLabels = otherLabels;
  }
  return summary;
}
