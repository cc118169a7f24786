/** Statistics for comparing two runs (spec/1.1/performance.md, PERF-020). Pure. */

/** A sample as (value, count) pairs, ascending by value; a histogram's buckets or plain values with count 1. */
export type Weighted = readonly (readonly [number, number])[];

export interface MannWhitney {
  /** U of the first sample. */
  u: number;
  z: number;
  /** Two-sided p-value (normal approximation with tie and continuity corrections). */
  p: number;
  n1: number;
  n2: number;
}

/** The standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** erfc by the continued fraction of Numerical Recipes (erfcc, fractional error < 1.2e-7 everywhere). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/**
 * The two-sided Mann–Whitney U test of two weighted samples: ranks over the pooled values (ties get their
 * average rank), U of the first, z with the tie-corrected variance and a continuity correction of ½.
 */
export function mannWhitney(a: Weighted, b: Weighted): MannWhitney {
  const n1 = a.reduce((s, [, c]) => s + c, 0);
  const n2 = b.reduce((s, [, c]) => s + c, 0);
  const n = n1 + n2;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, p: 1, n1, n2 };
  const pooled = new Map<number, [number, number]>();
  for (const [v, c] of a) pooled.set(v, [(pooled.get(v)?.[0] ?? 0) + c, pooled.get(v)?.[1] ?? 0]);
  for (const [v, c] of b) pooled.set(v, [pooled.get(v)?.[0] ?? 0, (pooled.get(v)?.[1] ?? 0) + c]);
  let below = 0;
  let r1 = 0;
  let ties = 0;
  for (const v of [...pooled.keys()].sort((x, y) => x - y)) {
    const [c1, c2] = pooled.get(v)!;
    const t = c1 + c2;
    r1 += c1 * (below + (t + 1) / 2);
    ties += t * t * t - t;
    below += t;
  }
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, p: 1, n1, n2 };
  const d = u - mean;
  const z = (d === 0 ? 0 : d - Math.sign(d) * 0.5) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))), n1, n2 };
}

/** The median of plain values (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const asWeighted = (values: readonly number[]): Weighted => values.map((v) => [v, 1] as const);
