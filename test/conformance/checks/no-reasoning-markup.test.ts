import { describe, expect, it } from "vitest";
import { noReasoningMarkup } from "../../../tools/conformance/checks/no-reasoning-markup.js";
import { completion, context } from "./suite-check-context.js";

const chunk = (content: string) => ({ choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] });

describe("noReasoningMarkup", () => {
  it("passes content without think tags, and null content", () => {
    expect(noReasoningMarkup.run({}, context({ body: completion("I think so.", null) })).passed).toBe(true);
  });

  it("fails <think> or </think> in any choice", () => {
    expect(noReasoningMarkup.run({}, context({ body: completion("ok", "<think>hm</think>Yes") })).message).toMatch(/choice 1: content contains <think>/);
    expect(noReasoningMarkup.run({}, context({ body: completion("Yes</think>") })).passed).toBe(false);
  });

  it("finds a tag split over two stream deltas", () => {
    expect(noReasoningMarkup.run({}, context({ events: [chunk("<thi"), chunk("nk>a"), chunk(" b")] })).passed).toBe(false);
    expect(noReasoningMarkup.run({}, context({ events: [chunk("a"), chunk(" b")] })).passed).toBe(true);
  });
});
