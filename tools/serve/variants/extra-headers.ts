import type { VariantDefinition } from "./types.js";

/** What gateways, frameworks and providers add to every response. */
const EXTRA: Record<string, string> = {
  Server: "uvicorn",
  "X-Powered-By": "Express",
  Via: "1.1 gateway.example",
  "openai-processing-ms": "12",
  "x-ratelimit-limit-requests": "10000",
  "x-ratelimit-remaining-requests": "9999",
  "Strict-Transport-Security": "max-age=31536000",
  "X-Content-Type-Options": "nosniff",
  "Set-Cookie": "__cf_bm=variant; Path=/; HttpOnly",
};

export const extraHeaders: VariantDefinition = {
  name: "extra-headers",
  description: "responses carry headers that LIS does not define (Server, X-Powered-By, Via, rate-limit and processing-time headers, a cookie)",
  allowedBy: [
    { clause: "HTTP-011", quote: "Every JSON response body (success and error alike) MUST be sent with a `Content-Type` header whose media type is `application/json`" },
    { doc: "conventions.md", quote: "what the clauses require is exact" },
  ],
  transformHeaders: (headers) => ({ ...EXTRA, ...headers }),
};
