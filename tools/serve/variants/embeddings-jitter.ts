import { onSuccess } from "../hooks/helpers.js";
import { mapVectors } from "./embedding-vectors.js";
import type { VariantDefinition } from "./types.js";

/** Relative size of the jitter: what float16 or batched GPU kernels leave in the last digits. */
const JITTER = 1e-5;

export const embeddingsJitter: VariantDefinition = {
  name: "embeddings-jitter",
  description: `the same input gives a slightly different vector each time (each value off by up to ${JITTER} of the vector's scale), as batched GPU inference does`,
  allowedBy: [{ clause: "EMB-012", quote: "apart from the non-determinism that the server also shows between two float responses" }],
  transformBody: onSuccess("embeddings", (body) =>
    mapVectors(body, (v) => {
      const scale = Math.max(...v.map(Math.abs));
      return v.map((x) => x + (Math.random() * 2 - 1) * JITTER * scale);
    }),
  ),
};
