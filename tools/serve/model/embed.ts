import { fnv1a } from "./prng.js";
import { pieces } from "./tokenizer.js";

/**
 * Embeddings of the built-in model: a random projection of hashed features (the lowercased words and
 * their character trigrams, plus a constant bias feature so that every text, even "", has a direction):
 * each feature adds a dense ±1 vector derived from its hash, so every prefix of the vector carries
 * information and `dimensions` can truncate it. L2-normalised; the same text, the same vector.
 */
export const EMBEDDING_DIMENSIONS = 64;

export function embed(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const v = new Float64Array(EMBEDDING_DIMENSIONS);
  const add = (feature: string, weight: number) => {
    let h = fnv1a(feature);
    for (let i = 0; i < EMBEDDING_DIMENSIONS; i++) {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0; // xorshift-multiply: the next pseudo-random word
      v[i] += h & 1 ? weight : -weight;
    }
  };
  add("<bias>", 0.1);
  for (const piece of pieces(text)) {
    const word = piece.trim().toLowerCase();
    if (word === "") continue;
    add(`w:${word}`, 1);
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.3);
  }
  return normalise(Array.from(v.subarray(0, dimensions)));
}

function normalise(v: number[]): number[] {
  // float32 on the wire: round first, so that the vector as sent has unit length.
  const f = v.map((x) => Math.fround(x));
  let norm = Math.sqrt(f.reduce((s, x) => s + x * x, 0));
  if (norm === 0) {
    f[0] = 1;
    norm = 1;
  }
  return f.map((x) => Math.fround(x / norm));
}

/** Little-endian float32 bytes, base64 (what `encoding_format: "base64"` sends). */
export function toBase64(v: number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}
