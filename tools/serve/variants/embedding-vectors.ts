/** Rewrites every vector of an embedding list, whether it was sent as floats or as base64 float32. */
import type { Json } from "../hooks/helpers.js";

export function mapVectors(body: Json, edit: (v: number[]) => number[]): Json {
  if (!Array.isArray(body.data)) return body;
  return {
    ...body,
    data: body.data.map((e: Json) => {
      if (Array.isArray(e.embedding)) return { ...e, embedding: edit(e.embedding) };
      if (typeof e.embedding !== "string") return e;
      const bytes = Buffer.from(e.embedding, "base64");
      const floats = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
      return { ...e, embedding: Buffer.from(new Float32Array(edit(floats)).buffer).toString("base64") };
    }),
  };
}
