export * from "./types.js";
export { CLASSIFICATION_METRICS, accuracy } from "./classification.js";
export { GENERATION_METRICS, itemExactMatch, itemTokenF1, tokenF1 } from "./generation.js";
export { classCounts, classesOf, confusionMatrix, perClass, zeroDivisions, type ConfusionMatrix, type PerClass } from "./confusion.js";
export { normalise, tokens } from "./normalise.js";
