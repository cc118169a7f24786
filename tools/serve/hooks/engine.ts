import type { ServedModel } from "../models.js";
import type { ServedSpec } from "../versions.js";

/**
 * The seam through which the reference server's behaviour is changed on purpose: faults (`--fault`, which
 * break one clause) and variants (`--variant`, which exercise one freedom the spec leaves open) are both
 * definitions whose hooks plug into named points of the request pipeline, applied by one engine (HookSet).
 * Hooks are small functions of what they get; a hook that rejects a request throws an ApiError, as the
 * server's own checks do.
 */
export type Endpoint = "models" | "model" | "chat" | "embeddings" | "discovery" | "classifications" | "fine-tuning" | "none";

export interface ReplyContext {
  endpoint: Endpoint;
  method: string;
  path: string;
  status: number;
  /** Request headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** Whether the server was started with an API key. */
  authRequired: boolean;
  /** The parsed request body (when there is one and it parsed). */
  request?: Record<string, unknown>;
  /** A finer reason of an error reply (e.g. "malformed-json", "not-an-object"). */
  reason?: string;
  /** State that lives as long as the server instance, for hooks whose behaviour depends on earlier requests. */
  memory: Map<string, unknown>;
  /** The LIS version the server was started for. */
  spec: ServedSpec;
  /** Whether the endpoints accept this model id (a refusal that depends on the model comes after the 404 for an unknown one). */
  accepts(model: string): boolean;
}

/** Decision points where the server asks whether a definition wants it to behave otherwise. */
export type HookFlag =
  | "skip-auth"
  | "case-sensitive-bearer"
  | "accept-unknown-parameters"
  | "accept-any-content-type"
  | "lenient-utf8"
  | "small-body-limit"
  | "force-cors"
  | "skip-version-check"
  | "stream-errors-as-events"
  | "hold-stream"
  | "gzip-json"
  | "auth-before-routing"
  | "parse-body-without-content-type"
  | "trailing-slash-alias"
  | "slow-fine-tuning";

export type Chunk = Record<string, unknown> & { choices: Record<string, unknown>[] };

/** A reply a hook sends instead of routing the request. */
export interface InterceptReply {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface ServerHooks {
  flags?: HookFlag[];
  /** Before routing: answer the request itself (or throw an ApiError), or return undefined to go on. */
  intercept?(ctx: ReplyContext): InterceptReply | undefined;
  /** Which models GET /models lists and which ids the endpoints accept. */
  models?(served: ServedModel[]): { listed: ServedModel[]; accepted: ServedModel[] };
  /** The parsed request body before it is served (drop, change or reject members). */
  transformRequest?(body: Record<string, unknown>, ctx: ReplyContext): Record<string, unknown>;
  transformStatus?(status: number, ctx: ReplyContext): number;
  transformHeaders?(headers: Record<string, string>, ctx: ReplyContext): Record<string, string>;
  /** Any JSON body, success or error. */
  transformBody?(body: unknown, ctx: ReplyContext): unknown;
  /** The serialised JSON body text (for changes in the encoding itself). */
  transformText?(text: string, ctx: ReplyContext): string;
  /** The chunk objects of a stream, in order (return a new list). */
  transformChunks?(chunks: Chunk[], ctx: ReplyContext): Chunk[];
  /** The serialised events of a stream (`data: ...\n\n` strings, [DONE] last), in order. */
  transformFrames?(frames: string[], ctx: ReplyContext): string[];
  /** How one piece of a response body (a JSON body, one stream frame) is cut into separate writes. */
  splitWrite?(bytes: Buffer, ctx: ReplyContext): Buffer[];
}

/** The definitions switched on for one server, applied at the hook points in a fixed order (faults first). */
export class HookSet {
  constructor(private readonly active: readonly ServerHooks[]) {}

  has(flag: HookFlag): boolean {
    return this.active.some((d) => d.flags?.includes(flag));
  }

  intercept(ctx: ReplyContext): InterceptReply | undefined {
    for (const d of this.active) {
      const reply = d.intercept?.(ctx);
      if (reply) return reply;
    }
    return undefined;
  }

  models(served: ServedModel[]): { listed: ServedModel[]; accepted: ServedModel[] } {
    return this.active.reduce((m, d) => (d.models ? d.models(m.listed) : m), { listed: served, accepted: served });
  }

  request(body: Record<string, unknown>, ctx: ReplyContext): Record<string, unknown> {
    return this.active.reduce((b, d) => (d.transformRequest ? d.transformRequest(b, ctx) : b), body);
  }

  status(status: number, ctx: ReplyContext): number {
    return this.active.reduce((s, d) => (d.transformStatus ? d.transformStatus(s, ctx) : s), status);
  }

  headers(headers: Record<string, string>, ctx: ReplyContext): Record<string, string> {
    return this.active.reduce((h, d) => (d.transformHeaders ? d.transformHeaders(h, ctx) : h), headers);
  }

  body(body: unknown, ctx: ReplyContext): unknown {
    return this.active.reduce((b, d) => (d.transformBody ? d.transformBody(b, ctx) : b), body);
  }

  text(text: string, ctx: ReplyContext): string {
    return this.active.reduce((t, d) => (d.transformText ? d.transformText(t, ctx) : t), text);
  }

  chunks(chunks: Chunk[], ctx: ReplyContext): Chunk[] {
    return this.active.reduce((c, d) => (d.transformChunks ? d.transformChunks(c, ctx) : c), chunks);
  }

  frames(frames: string[], ctx: ReplyContext): string[] {
    return this.active.reduce((fr, d) => (d.transformFrames ? d.transformFrames(fr, ctx) : fr), frames);
  }

  writes(bytes: Buffer, ctx: ReplyContext): Buffer[] {
    return this.active.reduce((pieces, d) => (d.splitWrite ? pieces.flatMap((p) => d.splitWrite!(p, ctx)) : pieces), [bytes]);
  }
}
