import { describe, expect, it } from "vitest";
import { jsonBodyStrict } from "../../../tools/conformance/checks/json-body-strict.js";
import { context } from "./suite-check-context.js";

const run = (bodyText: string, headers: Record<string, string> = {}) => jsonBodyStrict.run({}, context({ bodyText, headers }));

describe("jsonBodyStrict", () => {
  it("passes a strict JSON body, with trailing whitespace", () => {
    expect(run('{"object":"list","data":[]}\n').passed).toBe(true);
  });

  it("fails NaN and -Infinity, naming the literal", () => {
    const nan = run('{"embedding":[0.1,NaN]}');
    expect(nan.passed).toBe(false);
    expect(nan.message).toMatch(/NaN/);
    expect(run('{"logprob":-Infinity}').message).toMatch(/-Infinity/);
  });

  it("fails data after the JSON text and a byte order mark", () => {
    expect(run('{"a":1}{"b":2}').passed).toBe(false);
    expect(run('\uFEFF{"a":1}').message).toMatch(/byte order mark/);
  });

  it("does not judge empty or non-JSON bodies", () => {
    expect(run("").passed).toBe(true);
    expect(run("Not Found", { "content-type": "text/plain" }).passed).toBe(true);
  });
});
