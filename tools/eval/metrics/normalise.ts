/** Text normalisation of generation metrics (spec/1.0/evaluation.md, "Text normalisation"). */
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]/gu;
const ARTICLE = /(^|\s)(?:a|an|the)(?=\s|$)/g;

export function normalise(text: string): string {
  let s = text.normalize("NFKC").toLowerCase().replace(PUNCTUATION_OR_SYMBOL, " ");
  // Articles can be adjacent ("a the"): the lookahead keeps the following space, so one pass removes both.
  s = s.replace(ARTICLE, "$1");
  return s.split(/\s+/u).filter(Boolean).join(" ");
}

export const tokens = (text: string): string[] => {
  const n = normalise(text);
  return n === "" ? [] : n.split(" ");
};
