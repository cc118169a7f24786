import type { IncomingMessage } from "node:http";
import { ApiError, invalidRequest, payloadTooLarge } from "./errors.js";

/** Reads the request body, at most `limit` bytes (413 beyond; the rest is not buffered), as JSON. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw payloadTooLarge(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw invalidRequest("The request body is empty; send a JSON object.", null, "invalid_json");
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw invalidRequest(`The request body is not valid JSON: ${detail}.`, null, "invalid_json");
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;
