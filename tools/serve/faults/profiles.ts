/** The faults of the profiles beyond chat (discovery, model-metadata, classification, multimodal). */
import type { FaultDefinition } from "./types.js";
import { DISCOVERY_FAULTS } from "./discovery.js";
import { MODEL_METADATA_FAULTS } from "./model-metadata.js";
import { CLASSIFICATION_FAULTS } from "./classification.js";
import { MULTIMODAL_FAULTS } from "./multimodal.js";

export const PROFILE_FAULTS: readonly FaultDefinition[] = [...DISCOVERY_FAULTS, ...MODEL_METADATA_FAULTS, ...CLASSIFICATION_FAULTS, ...MULTIMODAL_FAULTS];
