/**
 * The tokenizer of the built-in model: a pre-tokenizer that splits text into words with their leading
 * space (" fox"), numbers (up to three digits), single punctuation marks (with their leading space) and
 * runs of other whitespace; a fixed vocabulary of the pieces seen in the corpus, plus the special tokens.
 * A piece not in the vocabulary is `<unk>` (one token). Every character of any input belongs to exactly
 * one piece, so token counts are exact and the pieces of a text concatenate back to it.
 */
export const UNK = 0;
export const BOS = 1;
export const EOS = 2;
export const SPECIAL_TOKENS = ["<unk>", "<s>", "</s>"] as const;

const PIECE = / ?[A-Za-z]+(?:'[A-Za-z]+)*| ?\d{1,3}| ?[^\sA-Za-z\d]|\s+/gu;

/** Splits text into pieces; `pieces(t).join("") === t` for every string t. */
export function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

export class Vocabulary {
  readonly tokens: string[] = [...SPECIAL_TOKENS];
  private readonly ids = new Map<string, number>();

  constructor(corpusPieces: Iterable<string>) {
    SPECIAL_TOKENS.forEach((t, i) => this.ids.set(t, i));
    for (const p of corpusPieces) {
      if (!this.ids.has(p)) {
        this.ids.set(p, this.tokens.length);
        this.tokens.push(p);
      }
    }
  }

  get size(): number {
    return this.tokens.length;
  }

  id(piece: string): number {
    return this.ids.get(piece) ?? UNK;
  }

  encode(text: string): number[] {
    return pieces(text).map((p) => this.id(p));
  }

  /** The number of tokens of `text` (the unit of `usage`). */
  count(text: string): number {
    return pieces(text).length;
  }

  text(id: number): string {
    return this.tokens[id] ?? "<unk>";
  }
}
