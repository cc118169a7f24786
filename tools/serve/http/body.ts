import type { IncomingMessage } from "node:http";
import { invalidJson, payloadTooLarge } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
/** The most bytes read (and dropped) from an oversized body before answering 413. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads the request body, at most `limit` bytes (413 beyond), as a JSON object (400 invalid_json otherwise). */
export async function readJsonBody(req: IncomingMessage, limit: number, lenientUtf8 = false): Promise<Record<string, unknown>> {
  const declared = Number(req.headers["content-length"]);
  const chunks: Buffer[] = [];
  let size = 0;
  if (!(Number.isFinite(declared) && declared > DRAIN_LIMIT)) {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > DRAIN_LIMIT) break;
      if (size <= limit) chunks.push(chunk);
    }
  }
  // An oversized body is read to its end (and dropped) before the 413, so that the client, still sending,
  // gets the answer rather than a reset (HTTP-010); beyond DRAIN_LIMIT the connection is closed after it.
  if (size > limit || (Number.isFinite(declared) && declared > limit)) throw payloadTooLarge(limit);
  let text: string;
  try {
    text = lenientUtf8 ? Buffer.concat(chunks).toString("utf8") : utf8.decode(Buffer.concat(chunks));
  } catch {
    throw invalidJson("The request body is not well-formed UTF-8; send JSON encoded in UTF-8.", "bad-utf8");
  }
  if (text.trim() === "") throw invalidJson("The request body is empty; send a JSON object.", "malformed-json");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw invalidJson(`The request body is not valid JSON: ${detail}.`, "malformed-json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidJson(`The request body must be a JSON object, got ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`}.`, "not-an-object");
  }
  return parsed as Record<string, unknown>;
}
