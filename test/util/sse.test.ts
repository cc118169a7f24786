import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSse, SseCapError, SseParser } from "../../tools/util/sse.js";

const STREAM = `: comment\r\ndata: {"a":1}\r\n\r\nevent: done\ndata: line one\ndata: line two\nid: 7\n\ndata:no-space\r\rdata: [DONE]\n\ntrailing`;

describe("SseParser", () => {
  it("follows the WHATWG rules: data lines joined, event and id fields, comments skipped, CR, LF and CRLF", () => {
    const { events, unterminated } = parseSse(STREAM);
    expect(events.map((e) => [e.event, e.data, e.id, e.index])).toEqual([
      ["message", '{"a":1}', undefined, 1],
      ["done", "line one\nline two", "7", 2],
      ["message", "no-space", "7", 3],
      ["message", "[DONE]", "7", 4],
    ]);
    expect(unterminated).toBe("trailing");
  });

  it("yields the same events for any chunking of the text (a CRLF split across chunks included)", () => {
    const whole = parseSse(STREAM);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), STREAM.length];
        const parser = new SseParser();
        const events = points.slice(1).flatMap((end, i) => parser.push(STREAM.slice(points[i], end)));
        expect(events).toEqual(whole.events);
        expect(parser.end()).toBe(whole.unterminated);
      }),
    );
  });

  it("cuts an endless line at its cap, on the chunk that passes it, without waiting for a line break", () => {
    const parser = new SseParser({ maxLineChars: 10_000 });
    parser.push("data: ");
    let fed = 6;
    const chunk = "a".repeat(1024);
    let error: unknown;
    try {
      for (let i = 0; i < 1000; i++) {
        parser.push(chunk);
        fed += chunk.length;
      }
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SseCapError);
    expect((error as Error).message).toBe("the stream sent a line longer than 10000 characters");
    // The chunk that passed the cap was the last one read.
    expect(fed).toBeLessThanOrEqual(10_000);
    expect(fed + chunk.length).toBeGreaterThan(10_000);
  });

  it("cuts an event whose data lines together pass the event cap, though each line is short", () => {
    const parser = new SseParser({ maxLineChars: 100, maxEventChars: 250 });
    expect(() => {
      for (let i = 0; i < 10; i++) parser.push(`data: ${"x".repeat(60)}\n`);
    }).toThrow(/an event with more than 250 characters of data/);
    // Blank lines between events reset the count: many small events are fine.
    const ok = new SseParser({ maxLineChars: 100, maxEventChars: 250 });
    expect(ok.push(`data: ${"x".repeat(60)}\n\n`.repeat(100))).toHaveLength(100);
  });

  it("a line exactly at the cap passes", () => {
    const parser = new SseParser({ maxLineChars: 16 });
    expect(parser.push(`data: ${"z".repeat(10)}\n\n`)).toEqual([{ event: "message", data: "z".repeat(10), id: undefined, index: 1 }]);
  });
});
