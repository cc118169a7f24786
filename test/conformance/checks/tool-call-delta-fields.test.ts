import { describe, expect, it } from "vitest";
import { toolCallDeltaFields } from "../../../tools/conformance/checks/tool-call-delta-fields.js";
import { context } from "./suite-check-context.js";

const chunk = (...toolCalls: unknown[]) => ({ id: "c", choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }] });
const first = (index: number, name = "get_weather") => ({ index, id: `call_${index}`, type: "function", function: { name, arguments: "" } });
const more = (index: number, args: string) => ({ index, function: { arguments: args } });
const run = (...events: unknown[]) => toolCallDeltaFields.run({ requireCall: true }, context({ events }));

describe("toolCallDeltaFields", () => {
  it("passes OpenAI-style deltas: id, type and name once, then argument fragments (type may repeat)", () => {
    expect(run(chunk(first(0)), chunk(more(0, '{"city":')), chunk({ index: 0, type: "function", function: { arguments: '"Paris"}' } }), chunk(first(1, "get_time"), more(1, "{}"))).passed).toBe(true);
  });

  it("fails a repeated id or name (the SDK would concatenate them)", () => {
    expect(run(chunk(first(0)), chunk({ ...more(0, "{}"), id: "call_0" })).message).toMatch(/repeats id/);
    expect(run(chunk(first(0)), chunk({ index: 0, function: { name: "get_weather", arguments: "{}" } })).message).toMatch(/repeats function.name/);
  });

  it("fails a missing index, or a first element without id, type or name", () => {
    expect(run(chunk({ id: "call_0", type: "function", function: { name: "f", arguments: "{}" } })).message).toMatch(/integer index/);
    expect(run(chunk(more(0, "{}"))).message).toMatch(/no id/);
    expect(run(chunk({ index: 0, id: "call_0", function: { name: "f" } })).message).toMatch(/type/);
  });

  it("with requireCall, fails a stream without tool calls", () => {
    expect(run({ id: "c", choices: [{ index: 0, delta: { content: "hi" }, finish_reason: "stop" }] }).passed).toBe(false);
  });
});
