import { basename } from "node:path";
import type { Clause } from "../registry.js";

/**
 * A fixed-width table for a terminal of `width` columns: ID, level, profile (or, for a clause that does
 * not bind servers, its conformance class), source and as much of the text as fits on one line.
 * Not-testable clauses are marked `*`, withdrawn ones show `withdrawn`.
 */
export function formatClausesTable(clauses: Clause[], width = 100): string {
  const rows = clauses.map((c) => ({
    id: c.id,
    level: c.withdrawn ? "withdrawn" : c.level + (c.testable ? "" : "*"),
    profile: c.withdrawn ? "" : (c.profile ?? c.class),
    where: `${basename(c.file)}:${c.line}`,
    text: c.text.replace(/\s+/g, " "),
  }));
  const head = { id: "ID", level: "LEVEL", profile: "PROFILE/CLASS", where: "SOURCE", text: "TEXT" };
  const col = (key: "id" | "level" | "profile" | "where") => Math.max(head[key].length, ...rows.map((r) => r[key].length));
  const widths = { id: col("id"), level: col("level"), profile: col("profile"), where: col("where") };
  const textWidth = Math.max(20, width - (widths.id + widths.level + widths.profile + widths.where + 8));
  const fit = (s: string) => (s.length <= textWidth ? s : `${s.slice(0, textWidth - 1)}…`);
  const line = (r: typeof head) =>
    [r.id.padEnd(widths.id), r.level.padEnd(widths.level), r.profile.padEnd(widths.profile), r.where.padEnd(widths.where), fit(r.text)]
      .join("  ")
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  out.push("", summary(clauses));
  return `${out.join("\n")}\n`;
}

function summary(clauses: Clause[]): string {
  const live = clauses.filter((c) => !c.withdrawn);
  const count = (level: string) => live.filter((c) => c.level === level).length;
  const withdrawn = clauses.length - live.length;
  const notTestable = live.filter((c) => !c.testable).length;
  return (
    `${clauses.length} clause${clauses.length === 1 ? "" : "s"}: ${count("MUST")} MUST, ${count("SHOULD")} SHOULD, ${count("MAY")} MAY` +
    (withdrawn ? `, ${withdrawn} withdrawn` : "") +
    ` (* = not testable: ${notTestable})`
  );
}
