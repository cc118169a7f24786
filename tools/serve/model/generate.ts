import { EOS } from "./tokenizer.js";
import type { NgramModel } from "./ngram.js";
import type { Random } from "./prng.js";
import { pick, rank, samplingDistribution, type SamplingParams } from "./sampler.js";

/** One generated token with its log-probability under the sampling distribution (see sampler.ts). */
export interface Emitted {
  id: number;
  text: string;
  logprob: number;
  /** The most likely alternatives, most likely first (only when asked for). */
  top?: { id: number; text: string; logprob: number }[];
}

export interface Completion {
  /** The tokens whose text is (at least partly) in `content`. */
  tokens: Emitted[];
  content: string;
  finishReason: "stop" | "length";
  /** Tokens the model generated, including any that a stop sequence cut off. */
  completionTokens: number;
}

export interface TextOptions {
  sampling: SamplingParams;
  random: Random;
  /** How many alternatives to report per token (0 = none). */
  topLogprobs: number;
}

/** The model's free text: tokens until it emits `</s>`, conditioned on `context`. */
export function* textTokens(model: NgramModel, context: number[], options: TextOptions): Generator<Emitted> {
  const ctx = context.slice(-2);
  const counts = new Map<number, number>();
  for (;;) {
    const { logq, q } = samplingDistribution(model.cached(ctx), options.sampling, counts);
    const id = pick(q, options.sampling, options.random);
    if (id === EOS) return;
    const emitted: Emitted = { id, text: model.vocab.text(id), logprob: logq[id] };
    if (options.topLogprobs > 0) {
      emitted.top = rank(logq, options.topLogprobs, true).map((t) => ({ id: t, text: model.vocab.text(t), logprob: logq[t] }));
    }
    yield emitted;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    ctx.push(id);
    if (ctx.length > 2) ctx.shift();
  }
}

/**
 * Runs a token stream to its end, to `maxTokens`, or to the first stop sequence (which is cut off,
 * with everything after it).
 */
export function complete(tokens: Iterable<Emitted>, maxTokens: number, stop: readonly string[]): Completion {
  const out: Emitted[] = [];
  const starts: number[] = [];
  let content = "";
  const longestStop = stop.reduce((m, s) => Math.max(m, s.length), 0);
  for (const token of tokens) {
    if (out.length >= maxTokens) return { tokens: out, content, finishReason: "length", completionTokens: out.length };
    starts.push(content.length);
    out.push(token);
    const from = Math.max(0, content.length - longestStop + 1);
    content += token.text;
    const cut = firstStop(content, stop, from);
    if (cut !== -1) {
      const generated = out.length;
      let kept = out.length;
      while (kept > 0 && starts[kept - 1] >= cut) kept--;
      return { tokens: out.slice(0, kept), content: content.slice(0, cut), finishReason: "stop", completionTokens: generated };
    }
  }
  return { tokens: out, content, finishReason: "stop", completionTokens: out.length };
}

function firstStop(text: string, stop: readonly string[], from: number): number {
  let best = -1;
  for (const s of stop) {
    if (s === "") continue;
    const at = text.indexOf(s, from);
    if (at !== -1 && (best === -1 || at < best)) best = at;
  }
  return best;
}
