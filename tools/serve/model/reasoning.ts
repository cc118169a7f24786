/**
 * lis-tiny's reasoning (spec/1.1/reasoning.md): text of the same trigram model, from its own seed stream,
 * of a fixed token budget per effort. It continues the prompt like the answer does and, when a sentence
 * ends before the budget, starts another, so a reasoning always has exactly its budget of tokens (or the
 * request's limit, when that is smaller) — which makes reasoning_tokens predictable in tests.
 */
import type { BuiltinModel, Emitted, TextOptions } from "./index.js";

export const REASONING_EFFORTS = ["low", "medium", "high"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Reasoning tokens per effort. */
export const REASONING_BUDGET: Record<ReasoningEffort, number> = { low: 8, medium: 16, high: 32 };

export interface Reasoning {
  text: string;
  /** One delta text per token (they concatenate to `text`). */
  pieces: string[];
  tokens: number;
}

/** At most this many sentences are started: a logit_bias that forces `</s>` cannot make the loop endless. */
const MAX_SENTENCES = 64;

export function reason(model: BuiltinModel, prompt: string, count: number, options: TextOptions): Reasoning {
  const tokens: Emitted[] = [];
  for (let sentence = 0; sentence < MAX_SENTENCES && tokens.length < count; sentence++) {
    for (const token of model.text(sentence === 0 ? prompt : "", options)) {
      tokens.push(token);
      if (tokens.length >= count) break;
    }
  }
  const pieces = tokens.map((t) => t.text);
  return { text: pieces.join(""), pieces, tokens: tokens.length };
}
