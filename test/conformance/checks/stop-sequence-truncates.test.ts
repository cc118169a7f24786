import { describe, expect, it } from "vitest";
import { firstStop, stopSequenceTruncates } from "../../../tools/conformance/checks/stop-sequence-truncates.js";
import { completion, context } from "./suite-check-context.js";

const reference = { reference: { body: completion("one two three") } };
const stopped = (content: string, finish = "stop") => ({ body: { ...completion(content), choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish }] } });

describe("stopSequenceTruncates", () => {
  it("finds the earliest of several stop strings", () => {
    expect(firstStop("one two three", ["three", " "])).toBe(3);
    expect(firstStop("abc", ["x"])).toBe(-1);
  });

  it("passes content cut just before the first stop string, with finish_reason stop", () => {
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference" }, context(stopped("one"), reference)).passed).toBe(true);
  });

  it("fails content that includes the stop string or stops at the wrong place", () => {
    expect(stopSequenceTruncates.run({ stop: [" "] }, context(stopped("one "))).message).toMatch(/contains a stop string/);
    expect(stopSequenceTruncates.run({ stop: ["three"], referenceStep: "reference" }, context(stopped("one tw"), reference)).expected).toBe('"one two "');
  });

  it("fails a cut answer whose finish_reason is not stop", () => {
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference" }, context(stopped("one", "length"), reference)).message).toMatch(/finish_reason/);
  });

  it("requires the reference content when no stop string occurs in it", () => {
    expect(stopSequenceTruncates.run({ stop: ["#"], referenceStep: "reference" }, context(stopped("one two three"), reference)).passed).toBe(true);
    expect(stopSequenceTruncates.run({ stop: ["#"], referenceStep: "reference" }, context(stopped("one two"), reference)).passed).toBe(false);
  });

  it("judges streamed content and allows a 4xx only when asked", () => {
    const stream = { events: [{ id: "c", choices: [{ index: 0, delta: { role: "assistant", content: "on" }, finish_reason: null }] }, { id: "c", choices: [{ index: 0, delta: { content: "e" }, finish_reason: "stop" }] }] };
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference" }, context(stream, reference)).passed).toBe(true);
    const rejected = { status: 400, body: { error: { message: "m", type: "invalid_request_error", param: "stop", code: null } } };
    expect(stopSequenceTruncates.run({ stop: [" "], allowRejection: true }, context(rejected)).passed).toBe(true);
    expect(stopSequenceTruncates.run({ stop: [" "] }, context(rejected)).passed).toBe(false);
  });

  it("with stopMayRemain, accepts the matched stop string at the end; with finishReason false, ignores the finish reason", () => {
    const kept = context(stopped("one "), reference);
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference" }, kept).passed).toBe(false);
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference", stopMayRemain: true }, kept).passed).toBe(true);
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference", stopMayRemain: true }, context(stopped("one two"), reference)).passed).toBe(false);
    expect(stopSequenceTruncates.run({ stop: ["#", " "], referenceStep: "reference", stopMayRemain: true }, context(stopped("one#"), reference)).passed).toBe(true);
    const eos = context(stopped("one", "eos"), reference);
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference" }, eos).passed).toBe(false);
    expect(stopSequenceTruncates.run({ stop: [" "], referenceStep: "reference", finishReason: false }, eos).passed).toBe(true);
  });
});
