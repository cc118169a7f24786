import type { DocumentResult, ValidationReport } from "../report.js";

const MAX_ERRORS_SHOWN = 50;

/**
 * Human-readable report. One document: the verdict, then its errors (pointer: message). Several (JSONL, a
 * stream): each invalid document with its location and errors, the notes, then a summary line.
 */
export function formatValidationText(report: ValidationReport): string {
  const out: string[] = [];
  const against = `${report.schema} (spec ${report.spec})`;
  const verdict = report.valid ? "valid" : "invalid";
  if (report.http) out.push(`${report.file}: HTTP ${report.http.status}${report.http.contentType ? `, ${report.http.contentType}` : ""}`);
  const single = (report.input === "json" || report.bodyForm === "json") && report.documents.length === 1;
  if (single) {
    const doc = report.documents[0];
    out.push(`${report.file}: ${doc.parseError ?? `${verdict} against ${against}`}`, ...errorLines(doc));
    for (const note of report.notes) out.push(`note: ${note}`);
    return `${out.join("\n")}\n`;
  }
  for (const doc of report.documents) {
    if (doc.valid) continue;
    out.push(`${doc.location}: ${doc.parseError ?? "invalid"}`, ...errorLines(doc));
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  const n = report.documents.length;
  const ok = report.documents.filter((d) => d.valid).length;
  out.push(`${report.file}: ${verdict} against ${against}: ${ok} of ${n} document${n === 1 ? "" : "s"} valid`);
  return `${out.join("\n")}\n`;
}

function errorLines(doc: DocumentResult): string[] {
  const lines = doc.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `  ${e.pointer === "" ? "(root)" : e.pointer}: ${e.message}`);
  if (doc.errors.length > MAX_ERRORS_SHOWN) lines.push(`  … and ${doc.errors.length - MAX_ERRORS_SHOWN} more`);
  return lines;
}
