/**
 * The error-code registry of a spec version: every `code` that LIS defines, with the HTTP statuses it comes
 * with, its `type` and the clauses that use it (spec/<version>/errors.md, "Error codes"). The tests check
 * that every code a clause, a schema or a conformance case names is in it, with a status it lists.
 */
import { plain, type TableRow } from "./tables.js";
import { refuse, registryTable } from "./source.js";

export interface ErrorCode {
  code: string;
  /** The statuses, in the table's order (a code for two kinds of condition has two). */
  statuses: number[];
  type: string;
  meaning: string;
  /** Clause IDs named in the meaning. */
  clauses: string[];
  file: string;
  line: number;
}

const HEADING = "Error codes";
const COLUMNS = ["`code`", "Status", "`type`", "Meaning"];
const CODE = /^[a-z][a-z0-9_]*$/;

/** Pure: the rows of a code table as error codes, and every problem with them. */
export function readErrorCodes(rows: TableRow[], file: string): { codes: ErrorCode[]; problems: { file: string; line: number; message: string }[] } {
  const problems: { file: string; line: number; message: string }[] = [];
  const codes: ErrorCode[] = [];
  const seen = new Set<string>();
  for (const { cells, line } of rows) {
    const problem = (message: string) => problems.push({ file, line, message });
    const code = plain(cells["`code`"] ?? "");
    const statusCell = plain(cells.Status ?? "");
    const statuses = statusCell.split(",").map((s) => s.trim()).filter(Boolean).map(Number);
    const type = plain(cells["`type`"] ?? "");
    const meaning = cells.Meaning ?? "";
    if (!CODE.test(code)) problem(`code "${code}" is not a lower-case identifier`);
    if (statuses.length === 0 || statuses.some((s) => !Number.isInteger(s) || s < 400 || s > 599)) problem(`status "${statusCell}" is not a list of 4xx/5xx statuses`);
    if (!/^[a-z_]+$/.test(type)) problem(`type "${type}" is not an error type`);
    if (seen.has(code)) problem(`code ${code} is listed twice`);
    seen.add(code);
    codes.push({ code, statuses, type, meaning, clauses: [...new Set(meaning.match(/\b[A-Z]+-\d{3}\b/g) ?? [])], file, line });
  }
  return { codes, problems };
}

/**
 * The error-code registry of a spec version (from `dir`, a draft's folder, when given); throws a LisError
 * (exit 2) naming file:line for a malformed row.
 */
export function loadErrorCodes(version: string, dir?: string): ErrorCode[] {
  const table = registryTable(version, "errors.md", HEADING, dir);
  const missing = COLUMNS.filter((c) => !table.headers.includes(c));
  refuse("error-code registry", missing.map((c) => ({ file: table.file, line: table.line, message: `the table has no column ${c} (columns: ${COLUMNS.join(", ")})` })));
  const { codes, problems } = readErrorCodes(table.rows, table.file);
  refuse("error-code registry", problems);
  return codes;
}

export interface CodeMention {
  code: string;
  /** The statuses the same sentence gives before the code ("status 400 or 413 … `code` `too_large`"). */
  statuses: number[];
}

/**
 * The error codes a clause text names, each with the statuses its sentence states for it. A code is a
 * code span after the word "code" (`` `code` `x` ``, "code `x`", "whose `code` is `x`"), and the code
 * spans that follow it as alternatives ("`x` (for the member) or `y`", "`x` when …, `y` when …") until
 * the sentence ends or names another member (`param`, `type`). Pure.
 */
export function codesNamedIn(text: string): CodeMention[] {
  const mentions: CodeMention[] = [];
  for (const sentence of text.split(/(?<=[.;])\s+/)) {
    for (const m of sentence.matchAll(/(?:`code`|\bcodes?\b)(?:\s+is)?\s+`([a-z][a-z0-9_]*)`/g)) {
      const statuses = [...sentence.slice(0, m.index).matchAll(/\bstatus(?:es)?\s+(\d{3})(?:\s+or\s+(\d{3}))?/g)].at(-1);
      const found = statuses ? [statuses[1], statuses[2]].filter(Boolean).map(Number) : [];
      const codes = [m[1]];
      // Alternatives: further code spans before the next member name or the end of the sentence.
      const rest = sentence.slice(m.index + m[0].length).split(/`(?:param|type|message)`|\bparam\b/)[0];
      for (const alt of rest.matchAll(/(?:,|\bor|\band)\s+`([a-z][a-z0-9_]*)`/g)) codes.push(alt[1]);
      for (const code of codes) if (code !== "null") mentions.push({ code, statuses: found });
    }
  }
  return mentions;
}
