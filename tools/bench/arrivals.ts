/**
 * Open-loop send times (spec/1.1/performance.md, PERF-014): inter-arrival gaps drawn independently from an
 * exponential distribution of mean 1/rate (Poisson arrivals) or a gamma distribution of shape k
 * (burstiness) and the same mean, from a seeded generator, so a run's schedule can be reproduced.
 */
import { seededRandom, type Random } from "../serve/model/prng.js";

export type ArrivalProcess = { kind: "poisson" } | { kind: "gamma"; burstiness: number };

/** A standard normal deviate (Box–Muller; u is never 0). */
function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A gamma(shape, 1) deviate: Marsaglia and Tsang (2000); for shape < 1 boosted by u^(1/shape). */
export function gammaDeviate(shape: number, random: Random): number {
  if (shape < 1) return gammaDeviate(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Gaps in ms between consecutive sends at `rate` requests per second; gap i is the i-th of the seeded sequence. */
export function arrivalGaps(rate: number, process: ArrivalProcess, seed: number): () => number {
  const random = seededRandom(`arrivals:${seed}:${rate}`);
  const meanMs = 1000 / rate;
  if (process.kind === "poisson" || process.burstiness === 1) return () => -Math.log(1 - random()) * meanMs;
  const k = process.burstiness;
  return () => gammaDeviate(k, random) * (meanMs / k);
}
