import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SseParser, parseSse } from "../../tools/util/sse.js";

/** The WHATWG line splitting, one character at a time: the oracle the indexOf-based scan must agree with. */
function linesOf(text: string): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "\n" && ch !== "\r") continue;
    lines.push(text.slice(start, i));
    if (ch === "\r" && text[i + 1] === "\n") i++;
    start = i + 1;
  }
  return { lines, rest: text.slice(start) };
}

const piece = fc.constantFrom("data: a", "data: {\"x\":1}", "data:", "event: e", ": comment", "id: 7", "retry: 5", "data:  two spaces", "x");
const eol = fc.constantFrom("\n", "\r", "\r\n");

describe("SseParser's line scan", () => {
  it("gives the same events for any chunking and any mix of CR, LF and CRLF as parsing the whole text", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, eol, fc.boolean()), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
        const text = parts.map(([p, e, blank]) => p + e + (blank ? e : "")).join("");
        const whole = parseSse(text);
        const parser = new SseParser();
        const events = [];
        let at = 0;
        for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
          events.push(...parser.push(text.slice(at, cut)));
          at = Math.max(at, cut);
        }
        events.push(...parser.push(text.slice(at)));
        expect(events).toEqual(whole.events);
        // And the lines are those a character-by-character split finds, whatever their line endings.
        expect(whole.events).toEqual(new SseParser().push(linesOf(text).lines.map((l) => `${l}\n`).join("")));
      }),
      { numRuns: 500 },
    );
  });

  it("splits a lone CR, a CRLF across two chunks, and text without any line break", () => {
    const p = new SseParser();
    expect(p.push("data: a\r")).toEqual([]);
    expect(p.push("\ndata: b\r\r")).toEqual([{ event: "message", data: "a\nb", id: undefined, index: 1 }]);
    expect(p.push("data: c")).toEqual([]);
    expect(p.end()).toBe("data: c");
  });
});
