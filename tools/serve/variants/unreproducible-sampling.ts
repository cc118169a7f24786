import { randomInt } from "node:crypto";
import { requestOn } from "../hooks/helpers.js";
import { freshSeed, seededRandom } from "../model/prng.js";
import { resampled } from "./logit-noise.js";
import type { VariantDefinition } from "./types.js";

export const unreproducibleSampling: VariantDefinition = {
  name: "unreproducible-sampling",
  description: "the same request gives another answer each time, seed or not, temperature 0 or not (GPU batching: the seed is honoured as best effort only)",
  allowedBy: [{ clause: "CHAT-020", quote: "SHOULD produce choices with identical `content`" }],
  departsFrom: [
    { clause: "CHAT-020", why: "seeded sampling is best effort on batched GPU inference (vLLM, OpenAI)" },
    { clause: "CHAT-021", why: "greedy decoding is not bitwise deterministic across batch compositions" },
    { clause: "STREAM-012", why: "a streamed and a non-streamed request are two samples" },
  ],
  transformRequest: requestOn("chat", (body) => resampled(body, () => randomInt(2 ** 31), seededRandom(freshSeed()))),
};
