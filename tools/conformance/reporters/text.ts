/** Small text helpers the human reports share. Pure. */

/** Whitespace flattened to single spaces, cut at `max` characters with an ellipsis. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A clause's first paragraph: its requirement, without the table or list that may follow (one-line outputs). */
export const firstParagraph = (text: string) => text.split(/\n\s*\n/)[0];
