import { requestOn } from "../hooks/helpers.js";
import { implementsReasoning } from "../versions.js";
import type { VariantDefinition } from "./types.js";

export const reasonsByDefault: VariantDefinition = {
  name: "reasons-by-default",
  description: "the model reasons even without reasoning_effort (its default effort is low): answers carry reasoning_content and reasoning tokens (DeepSeek-R1, Qwen3); 1.1 servers only",
  allowedBy: [{ clause: "REASON-001", quote: "A request without `reasoning_effort`, or with `null` (ERR-017), is answered with the server's default effort." }],
  transformRequest: requestOn("chat", (body, ctx) => (implementsReasoning(ctx.spec) && body.reasoning_effort == null ? { ...body, reasoning_effort: "low" } : body)),
};
