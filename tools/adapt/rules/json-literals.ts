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
  // String literals match first and stay as they are; only the bare tokens between them are replaced.
  return text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => (m.startsWith('"') ? m : "null"));
}
