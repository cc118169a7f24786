import { fnv1a, seededRandom } from "../model/prng.js";
import { requestOn } from "../hooks/helpers.js";
import { resampled } from "./logit-noise.js";
import type { VariantDefinition } from "./types.js";

const LAST = "cache-dependent-output:last";

export const cacheDependentOutput: VariantDefinition = {
  name: "cache-dependent-output",
  description: "an answer depends on the request served before it (llama.cpp's prompt cache): the same request twice in a row gives two answers, seeded or greedy",
  allowedBy: [{ clause: "CHAT-020", quote: "SHOULD produce choices with identical `content`" }],
  departsFrom: [
    { clause: "CHAT-020", why: "a prompt cache makes the output depend on what was computed before (llama.cpp)" },
    { clause: "CHAT-021", why: "the same, for greedy decoding" },
    { clause: "STREAM-012", why: "a streamed and a non-streamed request meet different cache states" },
  ],
  transformRequest: requestOn("chat", (body, ctx) => {
    const previous = String(ctx.memory.get(LAST) ?? "cold");
    ctx.memory.set(LAST, fnv1a(JSON.stringify(body.messages ?? null)).toString(16));
    return resampled(body, (seed) => fnv1a(`${seed}:${previous}`), seededRandom(`cache:${previous}`));
  }),
};
