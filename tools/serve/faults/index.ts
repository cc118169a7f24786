import { LisError, EXIT } from "../../util/errors.js";
import type { Chunk, FaultDefinition, FaultFlag, ReplyContext } from "./types.js";

export type { FaultDefinition, ReplyContext, Chunk, FaultFlag, Endpoint } from "./types.js";

/** Every fault the server can inject, one definition per clause (each area's module lists its own). */
export const FAULTS: readonly FaultDefinition[] = [];

export function listFaults(): readonly FaultDefinition[] {
  return [...FAULTS].sort((a, b) => a.clause.localeCompare(b.clause));
}

/** The faults switched on for one server, applied at the hook points in a fixed order. */
export class FaultSet {
  private readonly active: FaultDefinition[];

  constructor(clauses: readonly string[] = []) {
    this.active = clauses.map((clause) => {
      const id = clause.trim().toUpperCase();
      const fault = FAULTS.find((f) => f.clause === id);
      if (!fault) throw new LisError(`no fault for clause '${clause}'; run 'lis serve --list-faults' to see them`, EXIT.USAGE);
      return fault;
    });
  }

  get clauses(): string[] {
    return this.active.map((f) => f.clause);
  }

  has(flag: FaultFlag): boolean {
    return this.active.some((f) => f.flags?.includes(flag));
  }

  request(body: Record<string, unknown>, ctx: ReplyContext): Record<string, unknown> {
    return this.active.reduce((b, f) => (f.transformRequest ? f.transformRequest(b, ctx) : b), body);
  }

  status(status: number, ctx: ReplyContext): number {
    return this.active.reduce((s, f) => (f.transformStatus ? f.transformStatus(s, ctx) : s), status);
  }

  headers(headers: Record<string, string>, ctx: ReplyContext): Record<string, string> {
    return this.active.reduce((h, f) => (f.transformHeaders ? f.transformHeaders(h, ctx) : h), headers);
  }

  body(body: unknown, ctx: ReplyContext): unknown {
    return this.active.reduce((b, f) => (f.transformBody ? f.transformBody(b, ctx) : b), body);
  }

  text(text: string, ctx: ReplyContext): string {
    return this.active.reduce((t, f) => (f.transformText ? f.transformText(t, ctx) : t), text);
  }

  chunks(chunks: Chunk[], ctx: ReplyContext): Chunk[] {
    return this.active.reduce((c, f) => (f.transformChunks ? f.transformChunks(c, ctx) : c), chunks);
  }

  frames(frames: string[], ctx: ReplyContext): string[] {
    return this.active.reduce((fr, f) => (f.transformFrames ? f.transformFrames(fr, ctx) : fr), frames);
  }
}
