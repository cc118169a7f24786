/** Small readers of the spec's Markdown shared by the clause registry and the registry tables. */

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ANY_HEADING = /^#{1,6}(\s|$)/;

/** Indices of the heading lines of a document, outside fenced code blocks (headings there are examples). */
export function headingLines(lines: readonly string[]): number[] {
  const headings: number[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]);
    if (m) {
      if (fence === undefined) fence = m[1][0];
      else if (m[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence === undefined && ANY_HEADING.test(lines[i])) headings.push(i);
  }
  return headings;
}
