import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { StopScanner, truncateAtStop } from "../../tools/adapt/text/stop.js";
import { splitThink, ThinkSplitter } from "../../tools/adapt/text/think.js";
import { FenceStripper, stripFence } from "../../tools/adapt/text/fences.js";
import { replaceOutsideStrings } from "../../tools/adapt/rules/json-literals.js";

/** Feeds a text to a streaming splitter in the given pieces and joins what comes out. */
function streamed<T>(pieces: string[], push: (p: string) => T, flush: () => T, join: (a: T, b: T) => T): T {
  return pieces.map(push).concat([flush()]).reduce(join);
}

/** Splits text at the given cut points (any chunking a server may produce). */
const cut = (text: string, points: number[]) => {
  const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at, text.length].slice(1).map((end, i, all) => text.slice(i === 0 ? 0 : all[i - 1], end));
};

describe("stop strings (CHAT-017, STREAM-020)", () => {
  it("cuts before the first stop string, of any of them", () => {
    expect(truncateAtStop("Hello, world. Bye.", ["world", "."])).toEqual({ text: "Hello, ", stopped: true });
    expect(truncateAtStop("no stop here", ["xyz"])).toEqual({ text: "no stop here", stopped: false });
  });

  it("streamed, never lets a stop string or its start out, whatever the pieces", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", "E", "N", "D") }), fc.array(fc.nat(40)), (text, points) => {
        const stops = ["END", "bb"];
        const s = new StopScanner(stops);
        const out = streamed(cut(text, points), (p) => s.push(p), () => s.flush(), (a, b) => a + b);
        expect(out).toBe(truncateAtStop(text, stops).text);
      }),
    );
  });

  it("holds back a partial match until the next piece decides", () => {
    const s = new StopScanner(["</answer>"]);
    expect(s.push("42 </ans")).toBe("42 ");
    expect(s.push("wer> more")).toBe("");
    expect(s.stopped).toBe(true);
    const t = new StopScanner(["</answer>"]);
    expect(t.push("a </an")).toBe("a ");
    expect(t.push("d b")).toBe("</and b");
  });
});

describe("reasoning markup (CHAT-043, REASON-003)", () => {
  it("moves a leading <think> block out of the content, with the newlines after it", () => {
    expect(splitThink("<think>91 is odd.</think>\n\nNo.")).toEqual({ reasoning: "91 is odd.", content: "No." });
    expect(splitThink("  <think>r</think> Answer")).toEqual({ reasoning: "r", content: " Answer" });
    expect(splitThink("Plain answer")).toEqual({ content: "Plain answer" });
    expect(splitThink("A <think> later is content")).toEqual({ content: "A <think> later is content" });
  });

  it("an empty block (a template's <think>\\n\\n</think>) is no reasoning", () => {
    expect(splitThink("<think>\n\n</think>\n\nHi")).toEqual({ reasoning: "", content: "Hi" });
  });

  it("a block never closed is all reasoning and no answer (REASON-006)", () => {
    expect(splitThink("<think>still thinking")).toEqual({ reasoning: "still thinking", content: "" });
  });

  it("streamed, gives what the whole text gives, whatever the pieces", () => {
    const texts = ["<think>step one, step two</think>\n\nThe answer.", "<think>\n\n</think>\n\nHi there", "No reasoning at all.", " <think>x</think>y", "<think>cut off"];
    for (const text of texts) {
      fc.assert(
        fc.property(fc.array(fc.nat(60)), (points) => {
          const s = new ThinkSplitter();
          const out = streamed(cut(text, points), (p) => s.push(p), () => s.flush(), (a, b) => ({ reasoning: a.reasoning + b.reasoning, content: a.content + b.content }));
          const whole = splitThink(text);
          expect(out).toEqual({ reasoning: whole.reasoning ?? "", content: whole.content });
        }),
      );
    }
  });
});

describe("code fences around JSON (STRUCT-008, STRUCT-010)", () => {
  it("removes a fence around the whole content, and nothing else", () => {
    expect(stripFence('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripFence('```\n[1,2]\n```\n')).toBe("[1,2]");
    expect(stripFence('{"a":"```"}')).toBe('{"a":"```"}');
  });

  it("streamed, gives what the whole text gives", () => {
    for (const text of ['```json\n{"city":"Paris"}\n```', '{"city":"Paris"}', '```\n{"k":"v"}```', "```json\n[1]"]) {
      fc.assert(
        fc.property(fc.array(fc.nat(40)), (points) => {
          const s = new FenceStripper();
          expect(streamed(cut(text, points), (p) => s.push(p), () => s.flush(), (a, b) => a + b)).toBe(stripFence(text));
        }),
      );
    }
  });
});

describe("non-JSON literals (HTTP-012)", () => {
  it("reads NaN and ±Infinity outside strings as null, and leaves strings alone", () => {
    expect(JSON.parse(replaceOutsideStrings('{"score":NaN,"a":[-Infinity,Infinity],"s":"NaN \\" Infinity"}'))).toEqual({ score: null, a: [null, null], s: 'NaN " Infinity' });
  });
});
