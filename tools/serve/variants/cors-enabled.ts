import type { VariantDefinition } from "./types.js";

export const corsEnabled: VariantDefinition = {
  name: "cors-enabled",
  description: "cross-origin requests are supported: every response allows any origin, and preflights are answered",
  allowedBy: [{ clause: "HTTP-027", quote: "A server MAY support cross-origin requests from browsers (CORS), by sending `Access-Control-Allow-Origin` on responses and answering preflight requests." }],
  flags: ["force-cors"],
};
