import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_JSON_BOUNDS, JsonBoundsScanner, parseBounded, withinBounds } from "../../tools/util/bounded-json.js";

const bounds = { maxDepth: 4, maxMembers: 5 };

describe("bounded JSON", () => {
  it("parses what is within the bounds, exactly as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseBounded(text, { maxDepth: 64, maxMembers: 100_000 });
        expect(parsed.limit).toBeUndefined();
        expect(parsed.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it("refuses nesting deeper than maxDepth before parsing; depth counts arrays and objects, not brackets in strings", () => {
    expect(parseBounded("[[[[1]]]]", bounds).value).toEqual([[[[1]]]]);
    expect(parseBounded("[[[[[1]]]]]", bounds).limit).toBe("the response is nested deeper than 4 levels (--max-depth)");
    expect(parseBounded('{"a":{"b":[{"c":1}]}}', bounds).value).toBeDefined();
    expect(parseBounded('{"a":{"b":[{"c":[1]}]}}', bounds).limit).toMatch(/deeper than 4/);
    expect(parseBounded('["[[[[[[", "\\"[[[[[["]', bounds).value).toEqual(["[[[[[[", '"[[[[[[']);
    // A million levels (2 MB): refused at the fifth byte, nothing built.
    expect(withinBounds(Buffer.from("[".repeat(1_000_000) + "]".repeat(1_000_000)), DEFAULT_JSON_BOUNDS)).toEqual({ limit: "the response is nested deeper than 64 levels (--max-depth)", members: 0 });
  });

  it("refuses more than maxMembers object members, all objects counted, colons in strings not; a stream's events share the budget", () => {
    expect(parseBounded('{"a":1,"b":2,"c":{"d":3,"e":"x:y:z"}}', bounds).members).toBe(5);
    expect(parseBounded('[{"a":1},{"b":2},{"c":3},{"d":4},{"e":5},{"f":6}]', bounds).limit).toBe("the response has more than 5 object members");
    expect(parseBounded('{"a":1,"b":2}', bounds, 3).members).toBe(2);
    expect(parseBounded('{"a":1,"b":2,"c":3}', bounds, 3).limit).toMatch(/more than 5 object members/);
  });

  it("says what is wrong with text that is not JSON; scans bytes and strings alike", () => {
    expect(parseBounded("{not json", bounds).error).toMatch(/JSON/);
    const text = '{"é":["ü",{"ß":"ø"}]}';
    expect(withinBounds(Buffer.from(text), bounds)).toEqual(withinBounds(text, bounds));
  });

  it("fed in pieces (a body as it arrives), says the same as on the whole text, at the piece that passes the bound", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (value, cuts) => {
        const bytes = Buffer.from(JSON.stringify(value));
        const points = [0, ...[...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b), bytes.length];
        const scanner = new JsonBoundsScanner(bounds);
        let limit: string | undefined;
        for (let i = 1; i < points.length && limit === undefined; i++) limit = scanner.push(bytes.subarray(points[i - 1], points[i]));
        expect(limit).toBe(withinBounds(bytes, bounds).limit);
      }),
    );
    // An escaped quote split across pieces stays inside its string.
    const scanner = new JsonBoundsScanner(bounds);
    for (const piece of ['["a\\', '"[[[[[[[[", 1]']) expect(scanner.push(Buffer.from(piece))).toBeUndefined();
  });
});
