import { describe, expect, it } from "vitest";
import { toolCallIndicesInOrder } from "../../../tools/conformance/checks/tool-call-indices-in-order.js";
import { context } from "./suite-check-context.js";

const chunk = (choice: number, ...indices: number[]) => ({ id: "c", choices: [{ index: choice, delta: { tool_calls: indices.map((index) => ({ index, function: { arguments: "" } })) }, finish_reason: null }] });
const run = (...events: unknown[]) => toolCallIndicesInOrder.run({}, context({ events }));

describe("toolCallIndicesInOrder", () => {
  it("passes indices that start at 0 and grow by one, per choice, revisits allowed", () => {
    expect(run(chunk(0, 0), chunk(0, 0), chunk(0, 1), chunk(1, 0), chunk(0, 1, 2)).passed).toBe(true);
  });

  it("fails a gap or a start above 0 (Ollama sent index 0 for every call, others started at 1)", () => {
    expect(run(chunk(0, 1)).message).toMatch(/index 1 appears before index 0/);
    expect(run(chunk(0, 0), chunk(0, 2)).passed).toBe(false);
  });
});
