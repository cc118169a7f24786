import { summarise, type DiffResult } from "../model.js";
import { readableLocation } from "./location.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const ICON = { breaking: "🔴 breaking", "non-breaking": "🟢 non-breaking", informational: "⚪ informational" } as const;

/** Markdown for CI step summaries and pull-request comments. */
export function formatMarkdown(result: DiffResult): string {
  const s = summarise(result.changes);
  const lines = [
    `## lis diff: \`${cell(result.old)}\` → \`${cell(result.new)}\``,
    "",
    result.changes.length === 0
      ? "No changes."
      : `**${s.breaking} breaking**, ${s["non-breaking"]} non-breaking, ${s.informational} informational (request ${s.request}, response ${s.response}, endpoint ${s.endpoint}).`,
  ];
  if (result.changes.length > 0) {
    lines.push("", "| Class | Direction | Rule | Change | Location | Used by |", "| --- | --- | --- | --- | --- | --- |");
    for (const c of result.changes) {
      const used = c.usedAt.map((u) => cell(readableLocation(u))).join("<br>") + (c.usedAtCount > c.usedAt.length ? ` (+${c.usedAtCount - c.usedAt.length})` : "");
      lines.push(`| ${ICON[c.classification]} | ${c.direction} | \`${c.row}\` | ${cell(c.message)} | ${cell(readableLocation(c.location))} | ${used} |`);
    }
  }
  if (result.warnings.length > 0) lines.push("", "Warnings:", "", ...result.warnings.map((w) => `- ${cell(w)}`));
  return `${lines.join("\n")}\n`;
}
