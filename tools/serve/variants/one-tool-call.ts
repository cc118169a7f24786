import { requestOn } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const oneToolCall: VariantDefinition = {
  name: "one-tool-call",
  description: "a choice calls at most one tool even when parallel calls are allowed (a model that never calls tools in parallel)",
  allowedBy: [
    { clause: "TOOL-008", quote: "with `parallel_tool_calls` absent or `true`, it MAY carry several", versions: ["1.0"] },
    { clause: "TOOL-008", quote: "With `parallel_tool_calls: false`, a choice MUST NOT carry more than one tool call.", versions: ["1.1"] },
  ],
  // The model is asked for one call: what it generates, counts and streams is then one call throughout.
  transformRequest: requestOn("chat", (body) => (Array.isArray(body.tools) && (body.parallel_tool_calls == null || body.parallel_tool_calls === true) ? { ...body, parallel_tool_calls: false } : body)),
};
