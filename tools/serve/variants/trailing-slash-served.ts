import type { VariantDefinition } from "./types.js";

export const trailingSlashServed: VariantDefinition = {
  name: "trailing-slash-served",
  description: "a path with a trailing slash is served like the path without it (/v1/models/ lists the models)",
  allowedBy: [{ clause: "HTTP-013", quote: "The server MUST NOT answer a request to an endpoint path with a redirection (status 3xx), including requests whose path differs from an endpoint path only by a trailing slash." }],
  flags: ["trailing-slash-alias"],
};
