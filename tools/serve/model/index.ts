import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../util/paths.js";
import { NgramModel } from "./ngram.js";
import { BOS, EOS, pieces } from "./tokenizer.js";
import { complete, textTokens, type Completion, type Emitted, type TextOptions } from "./generate.js";
import { generateInstance, serialise, toPlain, SampledString, type Instance } from "./json-instance.js";
import { compileClientSchema } from "./schema-check.js";

export { embed, toBase64, EMBEDDING_DIMENSIONS } from "./embed.js";
export type { Completion, Emitted, TextOptions } from "./generate.js";
export { complete } from "./generate.js";

/** Why a JSON Schema given by the client cannot be served (it does not compile, or is outside our subset). */
export class SchemaProblem extends Error {}

/**
 * The built-in model `lis-tiny`: a trigram model over Aesop's Fables (see corpus/README.md) with its
 * tokenizer; free text, schema-constrained JSON and embeddings. Loaded once (a few milliseconds).
 */
export class BuiltinModel {
  readonly ngram: NgramModel;

  constructor(corpus: string) {
    this.ngram = new NgramModel(corpus);
  }

  get vocab() {
    return this.ngram.vocab;
  }

  countTokens(text: string): number {
    return pieces(text).length;
  }

  /** Free text continuing the end of `prompt` (its last two known tokens; else a fresh sentence). */
  text(prompt: string, options: TextOptions): Generator<Emitted> {
    const ids = this.vocab.encode(prompt);
    const tail = ids.slice(-2);
    const context = tail.length > 0 && tail.every((id) => id > EOS) ? tail : [BOS];
    return textTokens(this.ngram, context, options);
  }

  /**
   * JSON valid against `schema` (or any JSON object when `schema` is undefined), as tokens: fixed JSON
   * syntax has log-probability 0 (the constraint leaves no choice), sampled strings keep theirs.
   * Throws SchemaProblem when the schema does not compile or the generated instance does not validate.
   */
  json(schema: unknown | undefined, options: TextOptions): Emitted[] {
    const text = (min: number, max: number) => this.sampledString(min, max, options);
    let instance: Instance;
    if (schema === undefined) {
      instance = { text: text(1, Infinity) };
    } else {
      const validate = compileClientSchema(schema);
      if (typeof validate === "string") throw new SchemaProblem(`the JSON Schema does not compile: ${validate}`);
      instance = generateInstance(schema, { text, allProperties: true });
      if (!validate(toPlain(instance))) {
        instance = generateInstance(schema, { text, allProperties: false });
        if (!validate(toPlain(instance))) {
          const why = validate.errors?.[0];
          throw new SchemaProblem(
            `lis-tiny cannot produce an instance of this JSON Schema (it supports type, enum, const, properties, required, items, lengths, ranges, formats, anyOf/oneOf/allOf, local $ref)${why ? `: ${why.instancePath || "/"} ${why.message}` : ""}`,
          );
        }
      }
    }
    const tokens: Emitted[] = [];
    for (const segment of serialise(instance)) {
      if (segment instanceof SampledString) tokens.push(...(segment.tokens as Emitted[]));
      else tokens.push(...this.forced(segment, options.topLogprobs));
    }
    return tokens;
  }

  /** Tokens the output format fixes: log-probability 0, the only alternative is themselves. */
  forced(text: string, topLogprobs: number): Emitted[] {
    return pieces(text).map((piece) => {
      const token: Emitted = { id: this.vocab.id(piece), text: piece, logprob: 0 };
      if (topLogprobs > 0) token.top = [{ id: token.id, text: piece, logprob: 0 }];
      return token;
    });
  }

  /** A string of the model's words, min..max characters (a few words when unbounded). */
  sampledString(min: number, max: number, options: TextOptions): SampledString<Emitted> {
    const tokens: Emitted[] = [];
    let text = "";
    const target = Math.max(min, Math.min(max, 24));
    const safe = (t: string) => !/["\\\u0000-\u001f]/.test(t);
    for (const token of this.text("", options)) {
      if (!safe(token.text)) continue;
      if (text.length + token.text.length > max) break;
      tokens.push(token);
      text += token.text;
      if (text.length >= target || tokens.length >= 256) break;
    }
    if (text.length < min) {
      const pad = "a".repeat(min - text.length);
      tokens.push(...this.forced(pad, options.topLogprobs));
      text += pad;
    }
    return new SampledString(text, tokens);
  }

  run(tokens: Iterable<Emitted>, maxTokens: number, stop: readonly string[]): Completion {
    return complete(tokens, maxTokens, stop);
  }
}

let shared: BuiltinModel | undefined;

/** The model over the bundled corpus, loaded on first use. */
export function builtinModel(): BuiltinModel {
  shared ??= new BuiltinModel(readFileSync(join(ROOT, "tools", "serve", "model", "corpus", "aesop.txt"), "utf8"));
  return shared;
}
