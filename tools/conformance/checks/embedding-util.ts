/** Reading embedding vectors from a response, whether float arrays or base64 float32. */
import { isObject } from "./util.js";

export function embeddingsOf(doc: unknown): unknown[] {
  return isObject(doc) && Array.isArray(doc.data) ? doc.data.map((d) => (isObject(d) ? d.embedding : undefined)) : [];
}

/** Decodes base64 little-endian float32; a string describing the problem when it is not that. */
export function decodeBase64Float32(text: string): number[] | string {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return "not standard padded base64";
  const bytes = Buffer.from(text, "base64");
  if (bytes.length === 0 || bytes.length % 4 !== 0) return `decodes to ${bytes.length} bytes, not a positive multiple of 4`;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) out.push(bytes.readFloatLE(i));
  return out;
}

/** A vector from either encoding, or a problem description. */
export function vectorOf(embedding: unknown): number[] | string {
  if (typeof embedding === "string") return decodeBase64Float32(embedding);
  if (Array.isArray(embedding) && embedding.every((x) => typeof x === "number")) return embedding as number[];
  return "neither an array of numbers nor a base64 string";
}

export const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
export function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
  return dot / (norm(a) * norm(b));
}
