import type { VariantDefinition } from "./types.js";

/** Where a body is cut: after the first byte of every multi-byte UTF-8 character (at most 32), and in thirds. */
function cuts(bytes: Buffer): number[] {
  const at = new Set<number>([Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3)]);
  for (let i = 0; i < bytes.length && at.size < 34; i++) if (bytes[i] >= 0xc0) at.add(i + 1);
  return [...at].filter((i) => i > 0 && i < bytes.length).sort((a, b) => a - b);
}

export const splitWrites: VariantDefinition = {
  name: "split-writes",
  description: "bodies are sent chunked (no Content-Length) in separate writes cut anywhere: inside lines, inside events and inside multi-byte UTF-8 characters",
  allowedBy: [
    { clause: "STREAM-002", quote: "followed by the chunk serialised as JSON on a single line, and terminated by a blank line" },
    { rfc: "RFC 9112 §7.1", quote: "The chunked transfer coding wraps content in order to transfer it as a series of chunks" },
  ],
  transformHeaders: (headers) => Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "content-length")),
  splitWrite: (bytes) => {
    const points = cuts(bytes);
    return [0, ...points].map((from, i) => bytes.subarray(from, points[i] ?? bytes.length));
  },
};
