/**
 * Check functions of the profiles beyond chat (model-metadata, classification, multimodal), registered
 * through one line of index.ts.
 */
import type { CheckDefinition } from "./types.js";
import { lineageConsistent } from "./lineage-consistent.js";
import { replacementsListed } from "./replacements-listed.js";
import { labelsInOrder } from "./labels-in-order.js";
import { probabilitiesSumToOne } from "./probabilities-sum-to-one.js";
import { topLabelIsArgmax } from "./top-label-is-argmax.js";

export const profileChecks: CheckDefinition[] = [lineageConsistent, replacementsListed, labelsInOrder, probabilitiesSumToOne, topLabelIsArgmax];
