import { CONTEXT_LENGTH } from "../validate/chat.js";
import { MAX_EMBEDDING_INPUTS } from "../validate/embeddings.js";
import { lisVersions, implementsReasoning, type ServedSpec } from "../versions.js";
import type { EndpointContext, Reply } from "./types.js";

/**
 * The profiles this reference server implements and therefore declares (DISC-003, DISC-004): the
 * conformance runner tests exactly these when it is not given --profile. Add a profile here when the
 * server implements it in full.
 */
export const DECLARED_PROFILES = ["core", "streaming", "tools", "structured-output", "embeddings", "classification", "multimodal", "model-metadata", "discovery", "fine-tuning"];

/** The profiles a server started for `spec` declares: 1.0's, plus `reasoning` when it implements 1.1. */
export const declaredProfiles = (spec: ServedSpec): string[] => (implementsReasoning(spec) ? [...DECLARED_PROFILES, "reasoning"] : DECLARED_PROFILES);

/** The largest number of inputs in one batching request (/embeddings, /classifications). */
export const MAX_BATCH_SIZE = MAX_EMBEDDING_INPUTS;

/** GET /v1/.well-known/lis (DISC-001). */
export function discoveryDocument(ctx: EndpointContext): Reply {
  const limits: Record<string, number> = { max_tokens: CONTEXT_LENGTH, max_batch_size: MAX_BATCH_SIZE };
  if (ctx.maxBodyBytes !== undefined) limits.max_body_bytes = ctx.maxBodyBytes;
  return {
    kind: "json",
    status: 200,
    body: { object: "lis.discovery", lis_versions: lisVersions(ctx.spec), profiles: declaredProfiles(ctx.spec), limits, models: ctx.models.map((m) => m.id) },
  };
}
