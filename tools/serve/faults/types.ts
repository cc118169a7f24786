import type { ServedModel } from "../models.js";

/**
 * A fault makes the reference server violate exactly one clause, so that the conformance suite can show
 * it catches the violation and names the clause. Faults are data: a definition names its clause and
 * hooks into named points of the server, like an ajv keyword. Hooks are small functions of what they
 * get; a hook that rejects a request throws an ApiError, as the server's own checks do.
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
}

/** Decision points where the server asks whether a fault wants it to misbehave. */
export type FaultFlag =
  | "skip-auth"
  | "case-sensitive-bearer"
  | "accept-unknown-parameters"
  | "accept-any-content-type"
  | "lenient-utf8"
  | "small-body-limit"
  | "force-cors"
  | "skip-version-check"
  | "stream-errors-as-events"
  | "hold-stream";

export type Chunk = Record<string, unknown> & { choices: Record<string, unknown>[] };

/** A reply a fault sends instead of routing the request. */
export interface InterceptReply {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface FaultDefinition {
  clause: string;
  description: string;
  flags?: FaultFlag[];
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
  /** The serialised JSON body text (for faults in the encoding itself). */
  transformText?(text: string, ctx: ReplyContext): string;
  /** The chunk objects of a stream, in order (return a new list). */
  transformChunks?(chunks: Chunk[], ctx: ReplyContext): Chunk[];
  /** The serialised events of a stream (`data: ...\n\n` strings, [DONE] last), in order. */
  transformFrames?(frames: string[], ctx: ReplyContext): string[];
}
