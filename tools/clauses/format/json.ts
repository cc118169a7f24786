import type { Clause } from "../registry.js";

/** Field order of the JSON output: the order of the Clause type, so diffs between runs stay readable. */
const KEYS: Array<keyof Clause> = [
  "id", "level", "profile", "class", "area", "text", "rationale", "testable", "notTestableReason",
  "observable", "notObservableReason", "withdrawn", "addedIn", "splitFrom", "file", "line",
];

/**
 * The registry as JSON: an array of clauses, every field of the Clause type (absent optional fields
 * omitted; `profile` is null for a clause of a class other than server).
 */
export function formatClausesJson(clauses: Clause[]): string {
  const ordered = clauses.map((c) => Object.fromEntries(KEYS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
