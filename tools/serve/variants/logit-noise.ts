/**
 * Logit noise, the way numerically non-deterministic inference (GPU batching, a prompt cache) perturbs a
 * model: a small bias on every token, passed to lis-tiny as `logit_bias` (which it honours), so that even
 * greedy decoding can pick another token where two are nearly tied. Shared by the sampling variants.
 */
import { builtinModel } from "../model/index.js";
import type { Random } from "../model/prng.js";
import { isObj, type Json } from "../hooks/helpers.js";

/** Half-width of the uniform noise, in nats: enough to reorder near ties, too little to change most tokens. */
const NOISE = 0.5;

/** The request with noise added under its own logit_bias (its own entries win); a malformed logit_bias is left for validation to reject. */
export function withLogitNoise(body: Json, random: Random): Json {
  if (body.logit_bias != null && !isObj(body.logit_bias)) return body;
  const size = builtinModel().vocab.size;
  const noise: Record<string, number> = {};
  for (let id = 0; id < size; id++) noise[id] = Math.round((random() * 2 - 1) * NOISE * 1000) / 1000;
  return { ...body, logit_bias: { ...noise, ...(body.logit_bias ?? {}) } };
}

/** Whether a request asks for greedy decoding (temperature 0), where only noise can change the output. */
const isGreedy = (body: Json) => body.temperature === 0;

/** Whether a request carries a usable seed (an integer); a malformed one is left for validation to reject. */
const hasSeed = (body: Json) => typeof body.seed === "number" && Number.isSafeInteger(body.seed);

/**
 * The request as an unreproducible server samples it: its seed (if any) replaced by `seed(old)`, and noise
 * from `noise` under greedy decoding, where a seed changes nothing.
 */
export function resampled(body: Json, seed: (old: number) => number, noise: Random): Json {
  const seeded = hasSeed(body) ? { ...body, seed: seed(body.seed as number) } : body;
  return isGreedy(seeded) ? withLogitNoise(seeded, noise) : seeded;
}
