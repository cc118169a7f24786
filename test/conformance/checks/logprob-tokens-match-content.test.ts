import { describe, expect, it } from "vitest";
import { logprobTokensMatchContent } from "../../../tools/conformance/checks/logprob-tokens-match-content.js";
import { context } from "./suite-check-context.js";

const entry = (token: string, bytes: number[] | null = [...new TextEncoder().encode(token)]) => ({ token, logprob: -0.1, bytes, top_logprobs: [] });
const body = (content: string, entries: unknown[]) => ({ choices: [{ index: 0, message: { role: "assistant", content }, logprobs: { content: entries }, finish_reason: "length" }] });

describe("logprobTokensMatchContent", () => {
  it("passes tokens that spell the content", () => {
    expect(logprobTokensMatchContent.run({}, context({ body: body("Hello there", [entry("Hello"), entry(" there")]) })).passed).toBe(true);
  });

  it("compares bytes when every entry has them (a character split over two tokens)", () => {
    expect(logprobTokensMatchContent.run({}, context({ body: body("é", [entry("\\xc3", [0xc3]), entry("\\xa9", [0xa9])]) })).passed).toBe(true);
  });

  it("fails missing or extra tokens and a missing logprobs object", () => {
    expect(logprobTokensMatchContent.run({}, context({ body: body("Hello there", [entry("Hello")]) })).passed).toBe(false);
    expect(logprobTokensMatchContent.run({}, context({ body: { choices: [{ index: 0, message: { content: "x" }, logprobs: null }] } })).message).toMatch(/no logprobs/);
  });

  it("judges each chunk of a stream on its own", () => {
    const chunk = (content: string, entries: unknown[] | null) => ({ choices: [{ index: 0, delta: { content }, logprobs: entries ? { content: entries } : null, finish_reason: null }] });
    expect(logprobTokensMatchContent.run({}, context({ events: [chunk("", null), chunk("Hi", [entry("Hi")]), chunk(" you", [entry(" you")])] })).passed).toBe(true);
    expect(logprobTokensMatchContent.run({}, context({ events: [chunk("Hi", null)] })).message).toMatch(/without logprobs/);
    expect(logprobTokensMatchContent.run({}, context({ events: [chunk("Hi you", [entry("Hi")])] })).passed).toBe(false);
  });
});
