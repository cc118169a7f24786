import type { BuiltinModel } from "../model/index.js";
import type { ServedModel } from "../models.js";
import type { Chunk, HookSet } from "../hooks/engine.js";
import type { JobStore } from "../fine-tuning/jobs.js";
import type { ServedSpec } from "../versions.js";

/** What every endpoint handler gets: the parsed body (if any), path parameters and the server's state. */
export interface EndpointContext {
  body: Record<string, unknown> | undefined;
  params: Record<string, string>;
  /** What GET /models lists. */
  models: readonly ServedModel[];
  /** The model ids the endpoints accept. */
  accepted: readonly ServedModel[];
  model: BuiltinModel;
  /** The faults and variants switched on (flags the endpoints consult). */
  hooks: HookSet;
  /** The clauses of the faults switched on. */
  faults: readonly string[];
  /** The LIS version the server was started for (1.1 implements 1.0 and 1.1). */
  spec: ServedSpec;
  /** The server's request-body limit, bytes (stated in the discovery document). */
  maxBodyBytes?: number;
  /** Simulated fine-tuning jobs (fine-tuning profile). */
  fineTuning?: JobStore;
  /** The query string of the request. */
  query?: URLSearchParams;
}

export type Reply =
  | { kind: "json"; status: number; body: unknown }
  | { kind: "stream"; chunks: Chunk[] };

export type Handler = (ctx: EndpointContext) => Reply;
