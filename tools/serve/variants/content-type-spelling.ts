import type { VariantDefinition } from "./types.js";

/** The Content-Type, under whatever letter case its name has. */
function withContentType(headers: Record<string, string>, edit: (value: string) => string): Record<string, string> {
  const name = Object.keys(headers).find((k) => k.toLowerCase() === "content-type");
  return name ? { ...headers, [name]: edit(headers[name]) } : headers;
}

export const contentTypeSpelling: VariantDefinition = {
  name: "content-type-spelling",
  description: "media types spelled otherwise: successful JSON as plain application/json, errors as Application/JSON;charset=UTF-8, streams as plain text/event-stream",
  allowedBy: [
    { clause: "HTTP-011", quote: "if the header has a `charset` parameter, its value MUST be `utf-8` (case-insensitive)" },
    { clause: "STREAM-001", quote: "a `Content-Type` whose media type is `text/event-stream` (a `charset` parameter, if present, is `utf-8`)" },
    { rfc: "RFC 9110 §8.3.1", quote: "The type and subtype tokens are case-insensitive." },
  ],
  transformHeaders: (headers, ctx) =>
    withContentType(headers, (value) => {
      const media = value.split(";")[0].trim().toLowerCase();
      if (media === "text/event-stream") return "text/event-stream";
      if (media !== "application/json") return value;
      return ctx.status >= 400 ? "Application/JSON;charset=UTF-8" : "application/json";
    }),
};
