import { describe, expect, it } from "vitest";
import { contentPrefixOfStep } from "../../../tools/conformance/checks/content-prefix-of-step.js";
import { completion, context } from "./suite-check-context.js";

const longer = { long: { body: completion('{"city": "Paris", "country": "France"}') } };

describe("contentPrefixOfStep", () => {
  it("passes a cut answer that is a prefix of the longer one, even when it is not valid JSON", () => {
    expect(contentPrefixOfStep.run({ step: "long" }, context({ body: completion('{"city": "Pa') }, longer)).passed).toBe(true);
    const stream = { events: [{ choices: [{ index: 0, delta: { role: "assistant", content: '{"ci' }, finish_reason: null }] }, { choices: [{ index: 0, delta: { content: "ty" }, finish_reason: "length" }] }] };
    expect(contentPrefixOfStep.run({ step: "long" }, context(stream, longer)).passed).toBe(true);
  });

  it("fails a repaired or completed answer", () => {
    const repaired = contentPrefixOfStep.run({ step: "long" }, context({ body: completion('{"city": "Pa"}') }, longer));
    expect(repaired.passed).toBe(false);
    expect(repaired.message).toMatch(/not a prefix/);
  });

  it("fails when the earlier step is missing or has no content", () => {
    expect(contentPrefixOfStep.run({ step: "nope" }, context({ body: completion("x") })).passed).toBe(false);
    expect(contentPrefixOfStep.run({ step: "long" }, context({ body: completion("x") }, { long: { body: completion(null) } })).passed).toBe(false);
  });
});
