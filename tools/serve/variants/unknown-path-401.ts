import type { VariantDefinition } from "./types.js";

export const unknownPath401: VariantDefinition = {
  name: "unknown-path-401",
  description: "a server with a key checks it before routing: an unauthenticated request to an unknown path gets 401, not 404",
  allowedBy: [{ clause: "HTTP-023", quote: "A request with valid credentials (or to a server that requires none) to a path below the base URL that is not an endpoint path" }],
  flags: ["auth-before-routing"],
};
