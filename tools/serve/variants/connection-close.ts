import type { VariantDefinition } from "./types.js";

export const connectionClose: VariantDefinition = {
  name: "connection-close",
  description: "every response says Connection: close and the server closes the connection after it (no keep-alive)",
  allowedBy: [{ clause: "HTTP-002", quote: "SHOULD NOT send `Connection: close` on a response unless the request asked for it or the server is shutting down" }],
  departsFrom: [{ clause: "HTTP-002", why: "keep-alive is a SHOULD; servers behind some proxies and one-shot CGI-style servers close every connection" }],
  transformHeaders: (headers) => ({ ...headers, Connection: "close" }),
};
