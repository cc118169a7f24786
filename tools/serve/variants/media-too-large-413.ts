import type { VariantDefinition } from "./types.js";

export const mediaTooLarge413: VariantDefinition = {
  name: "media-too-large-413",
  description: "a media part over the per-part limit is answered 413 (code too_large) instead of 400",
  allowedBy: [{ clause: "MM-004", quote: "A media part larger than the server's per-part limit MUST be rejected with status 400 or 413" }],
  transformStatus: (status, ctx) => (status === 400 && ctx.reason === "media-too-large" ? 413 : status),
};
