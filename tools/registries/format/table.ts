/** A registry as a fixed-width text table: one line per row, columns padded to their widest cell. Pure. */
export function formatRegistryTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return `${[line(headers), ...rows.map(line)].join("\n")}\n\n${rows.length} row${rows.length === 1 ? "" : "s"}\n`;
}
