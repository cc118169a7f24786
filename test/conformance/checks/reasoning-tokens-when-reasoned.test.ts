import { describe, expect, it } from "vitest";
import { reasoningTokensWhenReasoned } from "../../../tools/conformance/checks/reasoning-tokens-when-reasoned.js";
import { context } from "./suite-check-context.js";

const body = (reasoning: string | null | undefined, details?: unknown) => ({
  choices: [{ index: 0, message: { role: "assistant", content: "x", ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}) }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 10, total_tokens: 13, ...(details !== undefined ? { completion_tokens_details: details } : {}) },
});

describe("reasoningTokensWhenReasoned", () => {
  it("passes positive reasoning_tokens with reasoning, and absent, null or 0 without", () => {
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body("hm", { reasoning_tokens: 4 }) })).passed).toBe(true);
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body(undefined) })).passed).toBe(true);
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body(null, { reasoning_tokens: 0 }) })).passed).toBe(true);
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body("", { reasoning_tokens: null }) })).passed).toBe(true);
  });

  it("fails reasoning without reasoning_tokens, and reasoning_tokens without reasoning", () => {
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body("hm") })).message).toMatch(/not a positive integer/);
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body("hm", { reasoning_tokens: 0 }) })).passed).toBe(false);
    expect(reasoningTokensWhenReasoned.run({}, context({ body: body(undefined, { reasoning_tokens: 5 }) })).message).toMatch(/no choice reasoned/);
  });

  it("reads a stream's reasoning pieces and its usage chunk", () => {
    const events = [
      { choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
      { choices: [{ index: 0, delta: { reasoning_content: " hm" }, finish_reason: null }] },
      { choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    ];
    expect(reasoningTokensWhenReasoned.run({}, context({ events })).passed).toBe(false);
  });
});
