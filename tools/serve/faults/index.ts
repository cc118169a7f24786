import { LisError, EXIT } from "../../util/errors.js";
import type { ServedModel } from "../models.js";
import type { Chunk, FaultDefinition, FaultFlag, InterceptReply, ReplyContext } from "./types.js";
import { conventionFaults } from "./conventions.js";
import { httpFaults } from "./http.js";
import { errorFaults } from "./errors.js";
import { modelFaults } from "./models.js";
import { chatFaults } from "./chat.js";
import { streamingFaults } from "./streaming.js";
import { toolFaults } from "./tools.js";
import { structuredOutputFaults } from "./structured-output.js";
import { embeddingFaults } from "./embeddings.js";
import { versioningFaults } from "./versioning.js";
import { PROFILE_FAULTS } from "./profiles.js";
import { fineTuningFaults } from "./fine-tuning.js";
import { reasoningFaults } from "./reasoning.js";
import { performanceFaults } from "./performance.js";

export type { FaultDefinition, ReplyContext, Chunk, FaultFlag, Endpoint, InterceptReply } from "./types.js";

/** Every fault the server can inject, one definition per clause (each area's module lists its own). */
export const FAULTS: readonly FaultDefinition[] = [
  ...conventionFaults,
  ...httpFaults,
  ...errorFaults,
  ...modelFaults,
  ...chatFaults,
  ...streamingFaults,
  ...toolFaults,
  ...structuredOutputFaults,
  ...embeddingFaults,
  ...versioningFaults,
  ...PROFILE_FAULTS,
  ...fineTuningFaults,
  ...reasoningFaults,
  ...performanceFaults,
];

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

  intercept(ctx: ReplyContext): InterceptReply | undefined {
    for (const f of this.active) {
      const reply = f.intercept?.(ctx);
      if (reply) return reply;
    }
    return undefined;
  }

  models(served: ServedModel[]): { listed: ServedModel[]; accepted: ServedModel[] } {
    return this.active.reduce((m, f) => (f.models ? f.models(m.listed) : m), { listed: served, accepted: served });
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
