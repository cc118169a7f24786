import { describe, expect, it } from "vitest";
import { reasoningBeforeContent } from "../../../tools/conformance/checks/reasoning-before-content.js";
import { context } from "./suite-check-context.js";

const chunk = (index: number, delta: Record<string, unknown>) => ({ choices: [{ index, delta, logprobs: null, finish_reason: null }] });
const role = (index = 0) => chunk(index, { role: "assistant", content: "" });
const think = (text: string, index = 0) => chunk(index, { reasoning_content: text });
const say = (text: string, index = 0) => chunk(index, { content: text });
const plain = (...reasoning: string[]) => ({ choices: reasoning.map((r, index) => ({ index, message: { role: "assistant", content: "x", reasoning_content: r }, finish_reason: "stop" })) });

describe("reasoningBeforeContent", () => {
  it("passes reasoning pieces before the content, per choice, also interleaved", () => {
    const events = [role(0), role(1), think(" a", 0), think(" b", 1), think(" c", 0), say(" Hi", 0), say(" Yo", 1)];
    expect(reasoningBeforeContent.run({}, context({ events })).passed).toBe(true);
  });

  it("fails a reasoning piece after the choice's first content, and a choice without reasoning", () => {
    expect(reasoningBeforeContent.run({}, context({ events: [role(), think(" a"), say(" Hi"), think(" b")] })).message).toMatch(/after the choice's content/);
    expect(reasoningBeforeContent.run({}, context({ events: [role(), say(" Hi")] })).message).toMatch(/streamed no reasoning/);
    expect(reasoningBeforeContent.run({}, context({ events: [role(), chunk(0, { reasoning_content: { text: "a" } })] })).message).toMatch(/not a string/);
  });

  it("with step: the pieces must concatenate to the earlier step's reasoning_content", () => {
    const events = [role(), think(" a"), think(" b"), say(" Hi")];
    expect(reasoningBeforeContent.run({ step: "plain" }, context({ events }, { plain: { body: plain(" a b") } })).passed).toBe(true);
    expect(reasoningBeforeContent.run({ step: "plain" }, context({ events }, { plain: { body: plain(" a b c") } })).message).toMatch(/do not concatenate/);
  });

  it("judges only streams", () => {
    expect(reasoningBeforeContent.run({}, context({ body: plain("a") })).passed).toBe(false);
  });
});
