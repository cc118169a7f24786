import type { ServedModel } from "../models.js";
import type { FineTunedModel } from "../fine-tuning/jobs.js";
import { CONTEXT_LENGTH } from "../validate/chat.js";
import { declaredProfiles } from "./discovery.js";
import type { ServedSpec } from "../versions.js";
import { FIXED_LABELS } from "./classifications.js";

/** Profiles of the server that are not about one model. */
const SERVER_ONLY_PROFILES = new Set(["discovery"]);

/**
 * The `lis` member of a model object (spec/1.0/model-metadata.md). Every served id is backed by the
 * built-in model, a trigram model trained from scratch on the bundled corpus: pre-trained, no base. It
 * reasons when asked (reasoning profile, REASON-012) on a server that implements 1.1.
 */
export function modelMetadata(m: ServedModel, spec: ServedSpec): Record<string, unknown> {
  return {
    kind: "pre-trained",
    base_model: null,
    version: "1.0.0",
    created: m.created,
    context_length: CONTEXT_LENGTH,
    input_modalities: ["text", "image", "audio"],
    output_modalities: ["text", "embedding", "classification"],
    profiles: declaredProfiles(spec).filter((p) => !SERVER_ONLY_PROFILES.has(p)),
    license: "Apache-2.0",
    deprecation: null,
    labels: FIXED_LABELS.map((l) => l.label),
    // A model of a fine-tuning job carries its lineage (FT-006): kind, base_model, fine_tuning_job.
    ...(m as FineTunedModel).lineage,
  };
}
