import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { unauthorized } from "./errors.js";

/**
 * HTTP-016, HTTP-017: the request must carry `Authorization: Bearer <apiKey>` (scheme name in any case,
 * unless a fault asks otherwise); compared in constant time. Shared by lis serve and lis adapt.
 */
export function authenticate(req: IncomingMessage, apiKey: string, caseSensitive = false): void {
  const header = req.headers.authorization;
  if (!header) throw unauthorized("Missing API key.");
  const m = (caseSensitive ? /^Bearer\s+(.+)$/ : /^Bearer\s+(.+)$/i).exec(header.trim());
  if (!m) throw unauthorized("The Authorization header is not a Bearer token.");
  const digest = (s: string) => createHash("sha256").update(s).digest();
  if (!timingSafeEqual(digest(m[1]), digest(apiKey))) throw unauthorized("Incorrect API key.");
}
