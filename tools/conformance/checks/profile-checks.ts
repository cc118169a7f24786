/**
 * Check functions of the profiles beyond chat (model-metadata, classification, multimodal), registered
 * through one line of index.ts.
 */
import type { CheckDefinition } from "./types.js";
import { lineageConsistent } from "./lineage-consistent.js";
import { replacementsListed } from "./replacements-listed.js";

export const profileChecks: CheckDefinition[] = [lineageConsistent, replacementsListed];
