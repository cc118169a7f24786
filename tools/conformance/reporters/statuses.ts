/**
 * How every reporter shows a result value: one table per kind of value (case status, clause verdict, profile
 * verdict, run status), each row a label, a tone and an order. Reporters read these tables instead of
 * branching on values, so a new status (e.g. `inconclusive`, `blocked`) is one row here. Pure data.
 */

/** What a value means to a reader; each reporter maps a tone to its own colour (ANSI, CSS, badge). */
export type Tone = "good" | "bad" | "warn" | "muted" | "info";

export interface StatusStyle {
  /** Words for people ("not conformant"), where the value is the machine's ("not-conformant"). */
  label: string;
  tone: Tone;
  /** Ascending: the worst first where lists are sorted by severity. */
  order: number;
  /** One character for the console. */
  mark: string;
  /** The JUnit element a case with this status gets (none: a passed test). */
  junit?: "failure" | "error" | "skipped";
}

export const CASE_STATUSES: Record<string, StatusStyle> = {
  fail: { label: "fail", tone: "bad", order: 0, mark: "✗", junit: "failure" },
  error: { label: "error", tone: "warn", order: 1, mark: "!", junit: "error" },
  inconclusive: { label: "inconclusive", tone: "warn", order: 2, mark: "?", junit: "skipped" },
  pass: { label: "pass", tone: "good", order: 5, mark: "✓" },
  skip: { label: "skip", tone: "muted", order: 6, mark: "-", junit: "skipped" },
  "precondition-failed": { label: "precondition-failed", tone: "muted", order: 7, mark: "∅", junit: "skipped" },
};

export const CLAUSE_VERDICTS: Record<string, StatusStyle> = {
  fail: { label: "fail", tone: "bad", order: 0, mark: "✗" },
  blocked: { label: "blocked", tone: "warn", order: 1, mark: "⊘" },
  inconclusive: { label: "inconclusive", tone: "warn", order: 2, mark: "≟" },
  untested: { label: "untested", tone: "warn", order: 2, mark: "?" },
  pass: { label: "pass", tone: "good", order: 5, mark: "✓" },
  "not-applicable": { label: "not applicable", tone: "muted", order: 6, mark: "-" },
  "not-testable": { label: "not testable", tone: "muted", order: 7, mark: "·" },
};

/** `badge` is the word a badge uses for profiles with this verdict ("tools failing"). */
export const PROFILE_VERDICTS: Record<string, StatusStyle & { badge: string }> = {
  "not-conformant": { label: "not conformant", tone: "bad", order: 0, mark: "✗", badge: "failing" },
  incomplete: { label: "incomplete", tone: "warn", order: 1, mark: "?", badge: "incomplete" },
  conformant: { label: "conformant", tone: "good", order: 5, mark: "✓", badge: "conformant" },
};

/** How the run ended; a run that completed has no row to show (`completed`). */
export const RUN_STATUSES: Record<string, StatusStyle> = {
  completed: { label: "completed", tone: "good", order: 5, mark: "✓" },
};

/** A value no row describes yet: shown as itself, neutrally, and never as a passed test. */
const UNKNOWN: StatusStyle = { label: "", tone: "info", order: 3, mark: "•", junit: "skipped" };

/** The style of `value` in `table`; a value no row describes yet still shows, as itself, neutrally. */
export function styleOf(table: Record<string, StatusStyle>, value: string): StatusStyle {
  return table[value] ?? { ...UNKNOWN, label: value };
}

/** The table's values, worst first. */
export function byOrder(table: Record<string, StatusStyle>): string[] {
  return Object.keys(table).sort((a, b) => table[a].order - table[b].order);
}

/** `counts` as "1 fail, 3 pass" in the table's order, leaving out zeros (and keys the table does not know, last). */
export function countsPhrase(table: Record<string, StatusStyle>, counts: Record<string, number>): string {
  const known = byOrder(table);
  const keys = [...known, ...Object.keys(counts).filter((k) => k !== "total" && !known.includes(k))];
  const parts = keys.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${styleOf(table, k).label}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** The worst of `values` by the table's order (undefined for none). */
export function worst(table: Record<string, StatusStyle>, values: string[]): string | undefined {
  return [...values].sort((a, b) => styleOf(table, a).order - styleOf(table, b).order)[0];
}

export const ANSI: Record<Tone, string> = { good: "32", bad: "31", warn: "33", muted: "90", info: "36" };
export const CSS_COLOR: Record<Tone, string> = { good: "#1a7f37", bad: "#cf222e", warn: "#9a6700", muted: "#57606a", info: "#0969da" };
/** Named colours that both badge-maker and shields.io's endpoint badges understand. */
export const BADGE_COLOR: Record<Tone, string> = { good: "brightgreen", bad: "red", warn: "yellow", muted: "lightgrey", info: "blue" };
export const MARKDOWN_ICON: Record<Tone, string> = { good: "✅", bad: "❌", warn: "⚠️", muted: "➖", info: "ℹ️" };
