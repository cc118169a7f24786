/**
 * The one engine that applies a dialect: its rules, bound to their keywords, run at each point of an
 * exchange in the order the dialect lists them (inherited rules first). Pure apart from what a rule asks
 * the upstream through the exchange's probe.
 */
import { bind, type BoundRule, type Dialect } from "./dialect.js";
import type { ChatExchange, Chunk, ChunkStage, Emit, EmbeddingsExchange, Obj, UpstreamError } from "./rule.js";

/** A stream's chunks in, repaired chunks out; `end` flushes what stages hold back and add. */
export interface ChunkPipeline {
  push(chunk: Chunk): Chunk[];
  end(): Chunk[];
}

export class Engine {
  readonly rules: BoundRule[];
  private readonly memos = new Map<BoundRule, Map<string, unknown>>();
  /** What honours() found, per endpoint: asked on every request, and the rules do not change. */
  private readonly honoured = new Map<string, Set<string>>();

  constructor(readonly dialect: Dialect) {
    this.rules = dialect.rules.map((r, i) => bind(r, `${dialect.file}: rules[${i}]`));
  }

  /** The members besides the LIS ones that the upstream honours at an endpoint (relayed, not refused). */
  honours(endpoint: "chat" | "embeddings"): Set<string> {
    let set = this.honoured.get(endpoint);
    if (!set) this.honoured.set(endpoint, (set = new Set(this.rules.flatMap((r) => r.def.honours?.(r.args)[endpoint] ?? []))));
    return set;
  }

  has(keyword: string): boolean {
    return this.rules.some((r) => r.def.keyword === keyword);
  }

  /**
   * Rewrites a chat request in place, the rules from `from` on; a promise only when a rule asks the upstream
   * something (most rewrite and return), and then the rest follow it.
   */
  chatRequest(body: Obj, x: ChatExchange, from = 0): void | Promise<void> {
    for (let i = from; i < this.rules.length; i++) {
      const r = this.rules[i];
      const pending = r.def.chatRequest?.(body, r.args, x);
      if (pending) return pending.then(() => this.chatRequest(body, x, i + 1));
    }
  }

  embeddingsRequest(body: Obj, x: EmbeddingsExchange): void {
    for (const r of this.rules) r.def.embeddingsRequest?.(body, r.args, x);
  }

  completion(completion: Obj, x: ChatExchange): void {
    for (const r of this.rules) r.def.completion?.(completion, r.args, x);
  }

  embeddings(response: Obj, x: EmbeddingsExchange): void {
    for (const r of this.rules) r.def.embeddings?.(response, r.args, x);
  }

  models(list: Obj): void {
    for (const r of this.rules) {
      if (!r.def.models) continue;
      let memo = this.memos.get(r);
      if (!memo) this.memos.set(r, (memo = new Map()));
      r.def.models(list, r.args, memo);
    }
  }

  /** An upstream JSON text as a value: JSON.parse, else the dialect's readers (json-literals); undefined when neither can. */
  parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      for (const r of this.rules) {
        const v = r.def.json?.(text, r.args);
        if (v !== undefined) return v;
      }
      return undefined;
    }
  }

  error(e: UpstreamError): UpstreamError {
    for (const r of this.rules) r.def.error?.(e, r.args);
    return e;
  }

  stream(x: ChatExchange): ChunkPipeline {
    // Rules with nothing to do for this request (no stop strings, no tools, …) add no stage.
    const stages = this.rules.map((r) => r.def.stream?.(r.args, x)).filter((s): s is ChunkStage => s !== undefined);
    const out: Chunk[] = [];
    // emitters[i] hands a chunk to stage i; the last one collects.
    const emitters: Emit[] = new Array(stages.length + 1);
    emitters[stages.length] = (c) => out.push(c);
    for (let i = stages.length - 1; i >= 0; i--) {
      const stage = stages[i];
      const next = emitters[i + 1];
      emitters[i] = (c) => stage.chunk(c, next);
    }
    return {
      push(chunk) {
        emitters[0](chunk);
        return out.splice(0);
      },
      end() {
        // Each stage's leftovers go through the stages after it, whose own end comes next.
        stages.forEach((s, i) => s.end?.(emitters[i + 1]));
        return out.splice(0);
      },
    };
  }
}
