/**
 * A fault makes the reference server violate exactly one clause, so that the conformance suite can show
 * it catches the violation and names the clause. Faults are data: a definition names its clause and
 * hooks into named points of the server, like an ajv keyword. Hooks are pure functions of what they get.
 */
export type Endpoint = "models" | "model" | "chat" | "embeddings" | "none";

export interface ReplyContext {
  endpoint: Endpoint;
  method: string;
  path: string;
  status: number;
  /** The parsed request body (when there is one and it parsed). */
  request?: Record<string, unknown>;
}

/** Decision points where the server asks whether a fault wants it to misbehave. */
export type FaultFlag =
  | "skip-auth"
  | "accept-unknown-parameters"
  | "accept-any-model"
  | "ignore-body-limit"
  | "accept-any-content-type"
  | "force-cors";

export type Chunk = Record<string, unknown> & { choices: Record<string, unknown>[] };

export interface FaultDefinition {
  clause: string;
  description: string;
  flags?: FaultFlag[];
  /** The request after parsing, before it is served (e.g. drop a parameter so it is ignored). */
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
