import type { VariantDefinition } from "./types.js";

export const noVersionHeader: VariantDefinition = {
  name: "no-version-header",
  description: "responses carry no LIS-Version header (the server announces its versions in the discovery document only)",
  allowedBy: [{ clause: "VER-002", quote: "When the server sends `LIS-Version`, its value MUST be" }],
  departsFrom: [{ clause: "VER-001", why: "the header is a SHOULD; most OpenAI-style servers do not send it" }],
  transformHeaders: (headers) => Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "lis-version")),
};
