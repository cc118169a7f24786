import type { RepairRule } from "../rule.js";

/**
 * A stream the upstream cannot produce is made by the proxy from the whole answer: llama.cpp's build of
 * 2025-02 refuses `stream` together with `tools` (500 "Cannot use tools with stream"). The upstream is asked
 * without streaming and the answer is sent to the client as a stream (TOOL-019 to TOOL-021): one delta
 * with the content and the complete tool calls, then the finish, then usage when asked for.
 */
export const completeThenStream: RepairRule<{ when: "tools" | "always" }> = {
  keyword: "complete-then-stream",
  description: "ask the upstream without streaming and stream its whole answer to the client",
  args: { type: "object", required: ["when"], properties: { when: { enum: ["tools", "always"] } }, additionalProperties: false },
  chatRequest(body, args, x) {
    if (!x.request.stream || (args.when === "tools" && x.request.tools.length === 0)) return;
    body.stream = false;
    delete body.stream_options;
  },
};
