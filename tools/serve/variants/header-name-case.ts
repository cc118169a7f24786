import type { VariantDefinition } from "./types.js";

/** Lower case for some names, upper case for the others (names as HTTP/2 and some proxies send them, and worse). */
const recase = (name: string, i: number) => (i % 2 === 0 ? name.toLowerCase() : name.toUpperCase());

export const headerNameCase: VariantDefinition = {
  name: "header-name-case",
  description: "response header names are sent in other letter case (content-type, X-REQUEST-ID, lis-version, …)",
  allowedBy: [
    { doc: "versioning.md", quote: "Header names are case-insensitive (RFC 9110), so `lis-version` is the same header." },
    { rfc: "RFC 9110 §5.1", quote: "Field names are case-insensitive" },
  ],
  transformHeaders: (headers) => Object.fromEntries(Object.entries(headers).map(([k, v], i) => [recase(k, i), v])),
};
