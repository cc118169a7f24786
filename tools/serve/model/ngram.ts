import { BOS, EOS, Vocabulary, pieces } from "./tokenizer.js";

/**
 * A word-level trigram model with linear interpolation down to bigrams and unigrams, trained on the
 * bundled corpus. `distribution(context)` is the model's true next-token distribution over the whole
 * vocabulary (it sums to 1; `<unk>` and `<s>` have probability 0, so the model only emits corpus pieces and
 * `</s>`).
 */
const WEIGHTS = { trigram: 0.7, bigram: 0.25, unigram: 0.05 };

export class NgramModel {
  readonly vocab: Vocabulary;
  private readonly unigram: Float64Array;
  private readonly bigram = new Map<number, Map<number, number>>();
  private readonly trigram = new Map<string, Map<number, number>>();
  private readonly bigramTotals = new Map<number, number>();
  private readonly trigramTotals = new Map<string, number>();

  constructor(corpus: string) {
    const documents = corpus
      .split(/\n\s*\n/)
      .map((d) => d.trim())
      .filter((d) => d !== "");
    this.vocab = new Vocabulary(documents.flatMap((d) => pieces(d)));
    this.unigram = new Float64Array(this.vocab.size);
    let total = 0;
    for (const doc of documents) {
      const ids = [BOS, ...this.vocab.encode(doc), EOS];
      for (let i = 1; i < ids.length; i++) {
        this.unigram[ids[i]]++;
        total++;
        bump(this.bigram, this.bigramTotals, ids[i - 1], ids[i]);
        if (i >= 2) bump(this.trigram, this.trigramTotals, `${ids[i - 2]},${ids[i - 1]}`, ids[i]);
      }
    }
    for (let i = 0; i < this.unigram.length; i++) this.unigram[i] /= total;
  }

  private readonly cache = new Map<string, { p: Float64Array; logp: Float64Array }>();

  /**
   * P(next | context) and its logarithm, computed once per context (there are only as many contexts as
   * the corpus has bigrams) and shared: callers must not modify the arrays.
   */
  cached(context: readonly number[]): { p: Float64Array; logp: Float64Array } {
    const b = context.length > 0 ? context[context.length - 1] : BOS;
    const a = context.length > 1 ? context[context.length - 2] : -1;
    const key = `${a},${b}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const p = this.distribution(context);
      const logp = p.map((x) => (x > 0 ? Math.log(x) : -Infinity));
      hit = { p, logp };
      if (this.cache.size >= 8192) this.cache.clear();
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** P(next | the last two ids of `context`), a fresh array over the vocabulary. */
  distribution(context: readonly number[]): Float64Array {
    const b = context.length > 0 ? context[context.length - 1] : BOS;
    const a = context.length > 1 ? context[context.length - 2] : undefined;
    const tri = a === undefined ? undefined : this.trigram.get(`${a},${b}`);
    const bi = this.bigram.get(b);
    let wTri = tri ? WEIGHTS.trigram : 0;
    let wBi = bi ? WEIGHTS.bigram : 0;
    let wUni = WEIGHTS.unigram;
    const norm = wTri + wBi + wUni;
    wTri /= norm;
    wBi /= norm;
    wUni /= norm;
    const p = new Float64Array(this.vocab.size);
    for (let i = 0; i < p.length; i++) p[i] = wUni * this.unigram[i];
    if (bi) {
      const t = this.bigramTotals.get(b)!;
      for (const [id, c] of bi) p[id] += (wBi * c) / t;
    }
    if (tri) {
      const t = this.trigramTotals.get(`${a},${b}`)!;
      for (const [id, c] of tri) p[id] += (wTri * c) / t;
    }
    return p;
  }
}

function bump<K>(table: Map<K, Map<number, number>>, totals: Map<K, number>, key: K, next: number): void {
  let row = table.get(key);
  if (!row) table.set(key, (row = new Map()));
  row.set(next, (row.get(next) ?? 0) + 1);
  totals.set(key, (totals.get(key) ?? 0) + 1);
}
