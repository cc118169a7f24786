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
  if (!(Number.isFinite(declared) && declared > DRAIN_LIMIT)) size = await collect(req, limit, chunks);
  // An oversized body is read to its end (and dropped) before the 413, so that the client, still sending,
  // gets the answer rather than a reset (HTTP-010); beyond DRAIN_LIMIT the connection is closed after it.
  if (size > limit || (Number.isFinite(declared) && declared > limit)) throw payloadTooLarge(limit);
  let text: string;
  try {
    text = lenientUtf8 ? Buffer.concat(chunks).toString("utf8") : utf8.decode(Buffer.concat(chunks));
  } catch {
    throw invalidJson("The request body is not well-formed UTF-8; send JSON encoded in UTF-8.", "bad-utf8");
  }
  if (!/\S/.test(text)) throw invalidJson("The request body is empty; send a JSON object.", "malformed-json");
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

/**
 * Reads the body into `chunks` (those within `limit`) and resolves with its size. Past DRAIN_LIMIT it stops
 * and the connection is closed. Events, not `for await`: the async iterator costs a proxy a few µs a request.
 */
function collect(req: IncomingMessage, limit: number, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const done = (err?: Error) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", done);
      req.off("close", onClose);
      if (err) reject(err);
      else resolve(size);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.destroy();
        return done();
      }
      if (size <= limit) chunks.push(chunk);
    };
    const onEnd = () => done();
    // A client that leaves before the end: as the stream's iterator would, an error.
    const onClose = () => done(Object.assign(new Error("the client closed the connection before the body ended"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", done);
    req.on("close", onClose);
  });
}
