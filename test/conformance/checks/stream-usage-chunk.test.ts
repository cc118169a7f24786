import { describe, expect, it } from "vitest";
import { streamUsageChunk } from "../../../tools/conformance/checks/stream-usage-chunk.js";
import { context } from "./suite-check-context.js";

const choice = (finish: string | null) => ({ id: "c", choices: [{ index: 0, delta: { content: "x" }, finish_reason: finish }] });
const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

describe("streamUsageChunk", () => {
  it("passes one usage chunk with empty choices just before [DONE]", () => {
    expect(streamUsageChunk.run({}, context({ events: [choice(null), choice("stop"), { id: "c", choices: [], usage }] })).passed).toBe(true);
  });

  it("fails usage on the finishing chunk (llama.cpp style) and a missing usage chunk", () => {
    expect(streamUsageChunk.run({}, context({ events: [choice(null), { ...choice("stop"), usage }] })).message).toMatch(/choices/);
    expect(streamUsageChunk.run({}, context({ events: [choice(null), choice("stop")] })).message).toMatch(/no chunk carries usage/);
  });

  it("fails usage sent twice or before the last chunk", () => {
    expect(streamUsageChunk.run({}, context({ events: [{ ...choice(null), usage }, { id: "c", choices: [], usage }] })).message).toMatch(/2 chunks/);
    expect(streamUsageChunk.run({}, context({ events: [{ id: "c", choices: [], usage }, choice("stop")] })).message).toMatch(/not the last/);
  });

  it("fails on a non-stream response", () => {
    expect(streamUsageChunk.run({}, context({ body: { usage } })).passed).toBe(false);
  });
});
