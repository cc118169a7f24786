import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";
import { chunksOf, isObject, type Json } from "./util.js";

const utf8 = new TextEncoder();

/** The text of a list of logprob entries: their bytes when every entry has them, else their token strings. */
function entriesText(entries: Json[]): { bytes: boolean; text: string | Uint8Array } {
  if (entries.length > 0 && entries.every((e) => Array.isArray(e.bytes))) {
    return { bytes: true, text: Uint8Array.from(entries.flatMap((e) => e.bytes as number[])) };
  }
  return { bytes: false, text: entries.map((e) => (typeof e.token === "string" ? e.token : "")).join("") };
}

function same(entries: Json[], content: string): boolean {
  const { bytes, text } = entriesText(entries);
  if (!bytes) return text === content;
  const want = utf8.encode(content);
  const got = text as Uint8Array;
  return got.length === want.length && got.every((b, i) => b === want[i]);
}

const entriesOf = (c: Json): Json[] | undefined =>
  isObject(c.logprobs) && Array.isArray(c.logprobs.content) ? c.logprobs.content.filter(isObject) : undefined;

export const logprobTokensMatchContent: CheckDefinition = {
  name: "logprobTokensMatchContent",
  description:
    "The logprobs.content entries spell the content they belong to (their bytes, or else their token strings, concatenated): per choice for a completion, per chunk for a stream (a chunk with content carries entries for exactly that content; one without content carries none). Use only without stop strings.",
  run(_args, ctx) {
    const chunks = chunksOf(ctx);
    if (chunks) {
      for (const [n, chunk] of chunks.entries()) {
        for (const c of Array.isArray(chunk.choices) ? chunk.choices.filter(isObject) : []) {
          const delta = isObject(c.delta) ? c.delta : {};
          const content = typeof delta.content === "string" ? delta.content : "";
          const entries = entriesOf(c);
          if (content === "") {
            if (entries && entries.length > 0) return fail(`chunk ${n + 1}, choice ${String(c.index)}: log-probabilities without content`, "no entries", show(entries, 120));
            continue;
          }
          if (!entries) return fail(`chunk ${n + 1}, choice ${String(c.index)}: content without logprobs.content`, "logprobs.content entries", show(c.logprobs));
          if (!same(entries, content)) return fail(`chunk ${n + 1}, choice ${String(c.index)}: the entries do not spell the chunk's content`, show(content, 80), show(entries.map((e) => e.token), 120));
        }
      }
      return pass();
    }
    const doc = isObject(ctx.document) ? ctx.document : {};
    const choices = Array.isArray(doc.choices) ? doc.choices.filter(isObject) : [];
    if (choices.length === 0) return fail("the response has no choices");
    for (const c of choices) {
      const message = isObject(c.message) ? c.message : {};
      const content = typeof message.content === "string" ? message.content : "";
      const entries = entriesOf(c);
      if (!entries) return fail(`choice ${String(c.index)}: no logprobs.content`, "an array of entries", show(c.logprobs));
      if (!same(entries, content)) return fail(`choice ${String(c.index)}: the tokens do not concatenate to the content`, show(content, 80), show(entries.map((e) => e.token), 120));
    }
    return pass();
  },
};
