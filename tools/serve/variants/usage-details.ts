import { isObj, onSuccess, type Json } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** OpenAI's detail objects: parts of the totals, never added to them (half the prompt served from a cache). */
const detailed = (usage: Json): Json => ({
  ...usage,
  prompt_tokens_details: { cached_tokens: Math.floor(usage.prompt_tokens / 2), audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0, ...(isObj(usage.completion_tokens_details) ? usage.completion_tokens_details : {}) },
});

export const usageDetails: VariantDefinition = {
  name: "usage-details",
  description: "chat usage carries prompt_tokens_details (cached_tokens: half the prompt) and completion_tokens_details (reasoning_tokens 0 when nothing was reasoned), as OpenAI sends them",
  allowedBy: [
    { clause: "CHAT-036", quote: "at the top level and inside choices, messages and `usage`" },
    { clause: "REASON-004", quote: "when no choice carries a non-empty `reasoning_content`, `reasoning_tokens` MUST be absent or 0" },
  ],
  transformBody: onSuccess("chat", (body) => (isObj(body.usage) ? { ...body, usage: detailed(body.usage) } : body)),
  transformChunks: (chunks) => chunks.map((c) => (isObj(c.usage) ? { ...c, usage: detailed(c.usage) } : c)),
};
