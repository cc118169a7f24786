/**
 * Reading the registries of the spec: each is one Markdown pipe table under a level-2 heading of a spec
 * document (the endpoint registry in http.md, the error codes in errors.md). Pure: text in, rows out, with
 * the line of each row so that a problem can be named `file:line`.
 */
import { headingLines } from "../util/markdown.js";

export interface TableRow {
  /** Cells by header name, as written (trimmed). */
  cells: Record<string, string>;
  /** 1-based line of the row in the document. */
  line: number;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
  /** 1-based line of the heading. */
  line: number;
}


/** Splits `| a | b \| c |` into cells; `\|` is a literal bar (GitHub's table syntax). */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

/**
 * The first table after the level-2 heading `## <heading>` (outside code fences), up to the next heading;
 * undefined when the document has no such heading or no table under it.
 */
export function tableUnder(markdown: string, heading: string): Table | undefined {
  const lines = markdown.split(/\r\n|\r|\n/);
  const headings = headingLines(lines);
  const at = headings.findIndex((i) => lines[i].trimEnd() === `## ${heading}`);
  if (at === -1) return undefined;
  const start = headings[at];
  const end = headings[at + 1] ?? lines.length;
  for (let i = start + 1; i < end; i++) {
    if (!lines[i].trimStart().startsWith("|")) continue;
    const headers = cells(lines[i]);
    if (!/^\|?\s*:?-{3,}/.test(lines[i + 1]?.trim() ?? "")) return undefined;
    const rows: TableRow[] = [];
    for (let j = i + 2; j < end && lines[j].trimStart().startsWith("|"); j++) {
      const values = cells(lines[j]);
      rows.push({ cells: Object.fromEntries(headers.map((h, k) => [h, values[k] ?? ""])), line: j + 1 });
    }
    return { headers, rows, line: start + 1 };
  }
  return undefined;
}

/** A cell's text without code-span backticks: `` `/models` `` → `/models`. */
export const plain = (cell: string): string => cell.replace(/`([^`]*)`/g, "$1").trim();

/** A comma-separated cell as a list; `—` or an empty cell is the empty list. */
export const list = (cell: string): string[] =>
  plain(cell) === "—" || plain(cell) === "" ? [] : plain(cell).split(",").map((s) => s.trim()).filter(Boolean);
