import { summarise, type DiffResult } from "../model.js";
import { readableLocation } from "./location.js";

const LABEL = { breaking: "BREAKING", "non-breaking": "non-breaking", informational: "info" } as const;

/** Plain text for terminals: one block per change, then a summary line. */
export function formatText(result: DiffResult): string {
  const lines = [`lis diff ${result.old} → ${result.new}`, ""];
  for (const c of result.changes) {
    lines.push(`${LABEL[c.classification].padEnd(12)} ${c.direction.padEnd(8)} ${c.row}: ${c.message}`);
    lines.push(`${" ".repeat(22)}at ${readableLocation(c.location)}`);
    if (c.usedAt.length > 0) {
      const more = c.usedAtCount > c.usedAt.length ? ` (+${c.usedAtCount - c.usedAt.length} more)` : "";
      lines.push(`${" ".repeat(22)}used by ${c.usedAt.map(readableLocation).join("; ")}${more}`);
    }
  }
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  const s = summarise(result.changes);
  if (result.changes.length > 0 || result.warnings.length > 0) lines.push("");
  lines.push(
    result.changes.length === 0
      ? "no changes"
      : `${result.changes.length} change(s): ${s.breaking} breaking, ${s["non-breaking"]} non-breaking, ${s.informational} informational ` +
          `(request ${s.request}, response ${s.response}, endpoint ${s.endpoint})`,
  );
  return `${lines.join("\n")}\n`;
}
