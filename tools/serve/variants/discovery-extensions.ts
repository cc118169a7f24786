import { isObj, onSuccess } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const discoveryExtensions: VariantDefinition = {
  name: "discovery-extensions",
  description: "the discovery document carries vendor members, a vendor limit and a vendor profile name (\"x-acme-batch\") that LIS does not define",
  allowedBy: [
    { doc: "discovery.md", quote: "servers may add members, and clients ignore members and profile names they do not know" },
    { clause: "DISC-007", quote: "A client MUST ignore members of the discovery document, members of `limits` and profile names in `profiles` that it does not know." },
  ],
  transformBody: onSuccess("discovery", (doc) => ({
    ...doc,
    profiles: Array.isArray(doc.profiles) ? [...doc.profiles, "x-acme-batch"] : doc.profiles,
    limits: { ...(isObj(doc.limits) ? doc.limits : {}), x_acme_max_images: 4 },
    x_acme: { region: "eu-west", build: "2026.01" },
  })),
};
