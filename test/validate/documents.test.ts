import { describe, expect, it } from "vitest";
import { describeJsonError, detectForm, splitDocuments } from "../../tools/validate/documents.js";

describe("detectForm", () => {
  it.each([
    ['{"a": 1}', "json"],
    ['{\n  "a": 1\n}\n', "json"],
    ['{"a": 1}\n{"a": 2}\n', "jsonl"],
    ["data: {}\n\n", "sse"],
    [": comment\ndata: {}\n\n", "sse"],
    ["HTTP/1.1 200 OK\r\n\r\n{}", "http"],
    ["not json at all", "json"],
  ])("%j is %s", (text, form) => {
    expect(detectForm(text)).toBe(form);
  });
});

describe("splitDocuments", () => {
  it("gives JSONL documents their line numbers, skipping blank lines", () => {
    const split = splitDocuments('{"a":1}\n\n{"a":2}\n', "f.jsonl");
    expect(split.documents).toEqual([
      { location: "f.jsonl:1", line: 1, value: { a: 1 } },
      { location: "f.jsonl:3", line: 3, value: { a: 2 } },
    ]);
  });

  it("joins multi-line SSE data, skips comments, stops at [DONE] and reports what follows it", () => {
    const split = splitDocuments(': hi\n\ndata: {"a":\ndata: 1}\n\ndata: [DONE]\n\ndata: {"late":true}\n\n', "s");
    expect(split.documents.map((d) => [d.location, d.value])).toEqual([
      ["s:3 (event 1)", { a: 1 }],
      ["s:8 (event 3)", { late: true }],
    ]);
    expect(split.done).toBe(true);
    expect(split.notes).toContain("1 event(s) follow data: [DONE]");
  });

  it("notes a stream without [DONE] and an event left open at the end", () => {
    const split = splitDocuments('data: {"a":1}\n\ndata: {"b":2}', "s");
    expect(split.documents).toHaveLength(1);
    expect(split.done).toBe(false);
    expect(split.notes).toEqual([
      expect.stringMatching(/^the stream ends inside an event/),
      "the stream has no data: [DONE] terminator",
    ]);
  });

  it("handles CRLF line ends in streams", () => {
    const split = splitDocuments('data: {"a":1}\r\n\r\ndata: [DONE]\r\n\r\n', "s");
    expect(split.documents).toEqual([{ location: "s:1 (event 1)", line: 1, value: { a: 1 } }]);
    expect(split.done).toBe(true);
  });

  it("reads an HTTP capture: status, content type, body lines counted from the top of the file", () => {
    const text = 'HTTP/1.1 200 OK\nContent-Type: text/event-stream\n\ndata: {"a":1}\n\ndata: [DONE]\n\n';
    const split = splitDocuments(text, "c.http");
    expect(split).toMatchObject({ form: "http", bodyForm: "sse", http: { status: 200, contentType: "text/event-stream" }, done: true });
    expect(split.documents).toEqual([{ location: "c.http:4 (event 1)", line: 4, value: { a: 1 } }]);
  });

  it("detects the body form of an HTTP capture by content when there is no Content-Type", () => {
    const split = splitDocuments('HTTP/1.1 404 Not Found\r\n\r\n{"error":{}}', "c.http");
    expect(split).toMatchObject({ bodyForm: "json", http: { status: 404 } });
    expect(split.documents[0].value).toEqual({ error: {} });
  });

  it("notes an HTTP capture with no body", () => {
    expect(splitDocuments("HTTP/1.1 204 No Content\r\n\r\n", "c.http").notes).toContain("the response has no body");
  });
});

describe("describeJsonError", () => {
  const explain = (text: string) => {
    try {
      JSON.parse(text);
    } catch (err) {
      return describeJsonError(text, err as Error);
    }
    throw new Error("expected a parse error");
  };

  it("gives line and column for errors whose V8 message has no position", () => {
    expect(explain('{\n  "a": }')).toBe("not JSON at line 2, column 8: Unexpected token '}'");
  });

  it("gives line and column for errors whose V8 message has a position", () => {
    expect(explain('{"a": 1\n "b": 2}')).toMatch(/^not JSON at line 2, column 2: Expected ',' or '}' after property value/);
  });

  it("says when the input is empty", () => {
    expect(explain("   ")).toBe("empty: no JSON value");
  });
});
