import type { RepairRule } from "../rule.js";

/**
 * A body with the non-JSON literals NaN, Infinity or -Infinity (Python's json module writes them by
 * default) is read with each of them as null, so the client gets JSON (HTTP-012) instead of a 502.
 */
export const jsonLiterals: RepairRule = {
  keyword: "json-literals",
  description: "read NaN, Infinity and -Infinity outside strings as null",
  json(text) {
    const fixed = replaceOutsideStrings(text);
    if (fixed === text) return undefined;
    try {
      return JSON.parse(fixed);
    } catch {
      return undefined;
    }
  },
};

/** The text with each bare NaN / Infinity / -Infinity token (outside string literals) replaced by null. */
export function replaceOutsideStrings(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      // Copy a string literal whole, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m) {
      out += "null";
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
