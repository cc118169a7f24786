/** A plain text table: first row is the header, columns padded; numbers right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].length)));
  const numeric = (s: string) => /^-?[\d.]+%?$|^—$/.test(s);
  const line = (r: string[]) =>
    r.map((cell, c) => (c > 0 && numeric(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export const fixed = (v: unknown) => (typeof v === "number" ? v.toFixed(4) : "—");
