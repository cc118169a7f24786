/**
 * A repair rule: one keyword of the dialect files (tools/adapt/dialects/*.yaml), like an ajv keyword. A
 * dialect names, per rule, the clause it repairs and the keyword's arguments (`with`); the module here says
 * what the keyword does, at named points of an exchange. The engine (engine.ts) applies the rules of a
 * dialect in the order the dialect lists them. Hooks are small functions of what they get; a hook that
 * refuses a request throws an ApiError (a LIS error), as the reference server's own checks do.
 */
import type { ChatRequest } from "../serve/validate/chat.js";

export type Obj = Record<string, unknown>;
/** One parsed event of a chat completion stream. */
export type Chunk = Obj & { choices?: Obj[] };
export type Emit = (chunk: Chunk) => void;

/** A step of the stream pipeline: gets each chunk in order, passes on zero or more, and may add some at the end. */
export interface ChunkStage {
  chunk(chunk: Chunk, emit: Emit): void;
  end?(emit: Emit): void;
}

/** What the proxy can ask the upstream besides the request it relays (for rules that need a measurement). */
export interface UpstreamProbe {
  /** A JSON GET or POST to a path below the upstream's origin (`/props`) or base URL (`models`); undefined when it fails. */
  json(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown>;
}

export interface ChatExchange {
  /** The client's request, validated by the LIS rules (stop strings, n, logprobs, tools, …). */
  request: ChatRequest;
  /** Model ids the upstream lists. */
  listed: ReadonlySet<string>;
  /** Unix time in seconds. */
  now(): number;
  upstream: UpstreamProbe;
  /** Set by a rule (fan-out-n): the proxy sends this many upstream requests of one choice each. */
  fanOut?: number;
}

export interface EmbeddingsExchange {
  model: string;
  encodingFormat: "float" | "base64";
  listed: ReadonlySet<string>;
}

/** An upstream error on its way to the client: status and the body, parsed when it was JSON. */
export interface UpstreamError {
  status: number;
  body: unknown;
  /** The body's text, when it was not JSON (a proxy's HTML page, a framework's plain text). */
  text?: string;
  /** Becomes the LIS envelope (error-envelope) and may be refined by later rules. */
  envelope?: { message: string; type: string; param: string | null; code: string | null };
}

export interface RepairRule<A = any> {
  keyword: string;
  description: string;
  /** JSON Schema of the rule's `with` arguments (checked when the dialect is loaded). */
  args?: object;
  /** Members besides the LIS ones that the upstream honours, per endpoint: relayed instead of refused (ERR-015). */
  honours?(args: A): { chat?: string[]; embeddings?: string[] };
  /** The upstream chat request body, before it is sent (mutate it; throw an ApiError to refuse). */
  chatRequest?(body: Obj, args: A, x: ChatExchange): void | Promise<void>;
  embeddingsRequest?(body: Obj, args: A, x: EmbeddingsExchange): void;
  /** A non-streamed chat completion (mutate it). */
  completion?(completion: Obj, args: A, x: ChatExchange): void;
  /** A stage of each chat completion stream; undefined when the rule has nothing to do for this request. */
  stream?(args: A, x: ChatExchange): ChunkStage | undefined;
  embeddings?(response: Obj, args: A, x: EmbeddingsExchange): void;
  /** The model list; `memo` lives as long as the proxy (per rule), for what must stay the same between reads. */
  models?(list: Obj, args: A, memo: Map<string, unknown>): void;
  error?(error: UpstreamError, args: A): void;
  /** An upstream body that JSON.parse refused: the value it means, or undefined when the rule cannot read it either. */
  json?(text: string, args: A): unknown;
}

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The choices of a completion or chunk that are objects (the array itself when all are: the hot path allocates nothing). */
export const choicesOf = (o: Obj): Obj[] => (Array.isArray(o.choices) ? (o.choices.every(isObj) ? (o.choices as Obj[]) : o.choices.filter(isObj)) : []);

/** The value at a JSON Pointer (RFC 6901), or undefined. */
export function pointerAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    v = isObj(v) ? v[key] : Array.isArray(v) ? v[Number(key)] : undefined;
  }
  return v;
}

/**
 * A stage that fixes the first chunk only: id, object, created and model of every later chunk are the
 * first one's anyway (stream-identity), so rules about them need not look at the others.
 */
export function firstChunkOnly(fix: (chunk: Chunk) => void): ChunkStage {
  let first = true;
  return {
    chunk(c, emit) {
      if (first) fix(c);
      first = false;
      emit(c);
    },
  };
}
