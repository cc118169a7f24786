import { randomBytes } from "node:crypto";

/** A seeded PRNG (sfc32, seeded through a string hash): the same seed gives the same sequence everywhere. */
export type Random = () => number;

/** FNV-1a over the UTF-16 code units of `text`, 32 bits. */
export function fnv1a(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function seededRandom(seed: string): Random {
  let a = fnv1a(seed, 0x811c9dc5);
  let b = fnv1a(seed, 0x01234567);
  let c = fnv1a(seed, 0x89abcdef);
  let d = 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the seed state
  return next;
}

/** A fresh random seed, for requests that give none (their output may vary). */
export const freshSeed = () => randomBytes(8).toString("hex");
