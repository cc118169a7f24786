import { onSuccess } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const discoveryWithoutLimits: VariantDefinition = {
  name: "discovery-without-limits",
  description: "the discovery document states no limits (\"limits\": {})",
  allowedBy: [{ doc: "discovery.md", quote: "The server's limits; each member is optional, and an absent member means \"not stated\"." }],
  transformBody: onSuccess("discovery", (doc) => ({ ...doc, limits: {} })),
};
