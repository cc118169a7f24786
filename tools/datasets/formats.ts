import { validatorByName } from "../validate/validators.js";
import { describeJsonError } from "../validate/documents.js";

/**
 * Dataset line formats, one definition each: the JSON Schema that a line's object must satisfy, plus the
 * checks a schema cannot say, and what a line adds to the summary statistics.
 */
export interface LineFormat {
  name: string;
  /** Schema name (schemas/1.0/<schema>.schema.json). */
  schema: string;
  /** Problems beyond the schema: each `pointer: reason`. */
  check?(value: Record<string, unknown>): string[];
  /** The texts whose tokens are counted. */
  texts(value: Record<string, unknown>): string[];
  /** Clearer words for a schema error, keyed by `<pointer> <keyword>` (e.g. `/messages contains`). */
  explain?: Record<string, string>;
  /** The label of a line, for the label distribution. */
  label?(value: Record<string, unknown>): string | undefined;
}

const contentText = (content: unknown): string[] =>
  typeof content === "string" ? [content] : Array.isArray(content) ? content.flatMap((p) => (p && typeof p === "object" && typeof (p as { text?: unknown }).text === "string" ? [(p as { text: string }).text] : [])) : [];

const messageTexts = (messages: unknown): string[] => (Array.isArray(messages) ? messages.flatMap((m) => contentText((m as { content?: unknown })?.content)) : []);

export const FORMATS: Record<string, LineFormat> = {
  classification: {
    name: "classification",
    schema: "dataset-classification-line",
    texts: (v) => [String(v.text)],
    label: (v) => String(v.label),
  },
  generation: {
    name: "generation",
    schema: "dataset-generation-line",
    texts: (v) => [...(typeof v.prompt === "string" ? [v.prompt] : messageTexts(v.messages)), ...(typeof v.reference === "string" ? [v.reference] : [])],
  },
};

/** Registers a format (fine-tuning adds `chat`). */
export function addFormat(format: LineFormat): void {
  FORMATS[format.name] = format;
}

export type LineResult = { ok: true; value: Record<string, unknown> } | { ok: false; reasons: string[] };

/**
 * Judges one line's text (line `line` of its file) against a format: JSON, an object, the schema, the extra
 * checks. A syntax error is placed as `lis validate` places it: "not JSON at line L, column C: …". Pure.
 */
export function judgeLine(text: string, format: LineFormat, line = 1): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reasons: [describeJsonError(text, err as Error, line - 1)] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, reasons: ["not a JSON object; each line is one object"] };
  const result = validatorByName(format.schema)(value);
  const reasons = result.errors
    // Errors inside a `contains` subschema explain why each element did not match, which is noise: the
    // `contains` error itself says what is missing.
    .filter((e) => !e.schemaPath.includes("/contains/"))
    .map((e) => `${e.pointer || "(line)"}: ${format.explain?.[`${e.pointer} ${e.keyword}`] ?? e.message}`);
  if (result.valid) reasons.push(...(format.check?.(value as Record<string, unknown>) ?? []));
  return reasons.length ? { ok: false, reasons: [...new Set(reasons)] } : { ok: true, value: value as Record<string, unknown> };
}

/** An estimate of tokens independent of any model's tokenizer: runs of letters, runs of digits, other symbols. */
export function countTokens(text: string): number {
  return text.match(/\p{L}+|\p{N}+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;
}
