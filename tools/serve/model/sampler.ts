import type { Random } from "./prng.js";

/** How the sampling distribution is derived from the model's distribution (the request's parameters). */
export interface SamplingParams {
  /** 0 = greedy (the mode of the reported distribution, lowest id on ties). */
  temperature: number;
  topP: number;
  /** token id → bias added to the log-probability (OpenAI's logit_bias, -100..100). */
  logitBias: ReadonlyMap<number, number>;
  presencePenalty: number;
  frequencyPenalty: number;
}

export const DEFAULT_SAMPLING: SamplingParams = {
  temperature: 1,
  topP: 1,
  logitBias: new Map(),
  presencePenalty: 0,
  frequencyPenalty: 0,
};

/**
 * The distribution the next token is drawn from: log p + bias − penalties, divided by the temperature
 * (1 when greedy), log-softmax (`logq`, computed in log space so that no possible token underflows to
 * -Infinity); then the top_p nucleus of it, renormalised (`q`), which the token is drawn from.
 * `logprobs` reports `logq`: the distribution after every transformation but the nucleus cut, so that
 * `top_logprobs` always has as many entries as asked for (CHAT-024) and the chosen token's value is
 * consistent with them (CHAT-025).
 */
export function samplingDistribution(
  dist: { p: Float64Array; logp: Float64Array },
  params: SamplingParams,
  counts: ReadonlyMap<number, number>,
): { logq: Float64Array; q: Float64Array } {
  const penalised = counts.size > 0 && (params.presencePenalty !== 0 || params.frequencyPenalty !== 0);
  const t = params.temperature > 0 ? params.temperature : 1;
  // The common case changes nothing: the model's own (cached, shared) distribution is the sampling one.
  if (t === 1 && params.logitBias.size === 0 && !penalised && params.topP >= 1) return { logq: dist.logp, q: dist.p };
  const logq = new Float64Array(dist.logp.length);
  let max = -Infinity;
  for (let i = 0; i < logq.length; i++) {
    let l = dist.logp[i];
    if (l === -Infinity) {
      logq[i] = l;
      continue;
    }
    if (params.logitBias.size > 0) l += params.logitBias.get(i) ?? 0;
    if (penalised) {
      const seen = counts.get(i) ?? 0;
      if (seen > 0) l -= params.presencePenalty + params.frequencyPenalty * seen;
    }
    l /= t;
    logq[i] = l;
    if (l > max) max = l;
  }
  let sum = 0;
  for (let i = 0; i < logq.length; i++) if (logq[i] !== -Infinity) sum += Math.exp(logq[i] - max);
  const logZ = max + Math.log(sum);
  const q = new Float64Array(logq.length);
  for (let i = 0; i < logq.length; i++) {
    if (logq[i] === -Infinity) continue;
    logq[i] = Math.min(0, logq[i] - logZ);
    q[i] = Math.exp(logq[i]);
  }
  if (params.topP < 1) nucleus(q, params.topP);
  return { logq, q };
}

/** Keeps the smallest set of most likely tokens whose mass reaches topP; renormalises. */
function nucleus(q: Float64Array, topP: number): void {
  const order = rank(q);
  let cum = 0;
  let keep = 0;
  while (keep < order.length && (keep === 0 || cum < topP)) cum += q[order[keep++]];
  for (let k = keep; k < order.length; k++) q[order[k]] = 0;
  for (let i = 0; i < q.length; i++) q[i] /= cum;
}

/**
 * Indices of the possible tokens, most likely first, lowest id first on ties: of probabilities (> 0) or,
 * with `log`, of log-probabilities (> -Infinity).
 */
export function rank(q: Float64Array, limit = Infinity, log = false): number[] {
  const ids: number[] = [];
  for (let i = 0; i < q.length; i++) if (log ? q[i] !== -Infinity : q[i] > 0) ids.push(i);
  ids.sort((x, y) => q[y] - q[x] || x - y);
  return limit < ids.length ? ids.slice(0, limit) : ids;
}

export function pick(q: Float64Array, params: SamplingParams, random: Random): number {
  if (params.temperature === 0) {
    // The mode of q (lowest id on ties), which is also the mode of logq.
    let best = 0;
    for (let i = 1; i < q.length; i++) if (q[i] > q[best]) best = i;
    return best;
  }
  let r = random();
  let last = 0;
  for (let i = 0; i < q.length; i++) {
    if (q[i] <= 0) continue;
    last = i;
    r -= q[i];
    if (r < 0) return i;
  }
  return last; // rounding: the mass summed to slightly under 1
}
