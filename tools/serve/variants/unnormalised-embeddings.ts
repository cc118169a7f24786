import { onSuccess } from "../hooks/helpers.js";
import { mapVectors } from "./embedding-vectors.js";
import type { VariantDefinition } from "./types.js";

const SCALE = 2.5;

export const unnormalisedEmbeddings: VariantDefinition = {
  name: "unnormalised-embeddings",
  description: `vectors are not unit length (every vector scaled by ${SCALE}), as for a model trained for dot-product retrieval`,
  allowedBy: [{ clause: "EMB-010", quote: "each `embedding` MUST be a non-empty array of JSON numbers, all of them finite" }],
  departsFrom: [{ clause: "EMB-024", why: "the SHOULD asks for unit vectors; models trained for unnormalised dot-product retrieval carry meaning in the norm" }],
  transformBody: onSuccess("embeddings", (body) => mapVectors(body, (v) => v.map((x) => x * SCALE))),
};
