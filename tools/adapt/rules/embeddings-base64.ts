import { isObj, type RepairRule } from "../rule.js";

/**
 * `encoding_format: "base64"` done by the proxy (EMB-010, EMB-011): the upstream is always asked for floats,
 * which every server sends, and the proxy encodes them as little-endian float32 when the client asked for
 * base64. One upstream code path, and no dependence on an upstream's base64 support.
 */
export const embeddingsBase64: RepairRule = {
  keyword: "embeddings-base64",
  description: "ask the upstream for float vectors and encode them as base64 when the client asked for it",
  embeddingsRequest(body) {
    delete body.encoding_format;
  },
  embeddings(r, _args, x) {
    if (x.encodingFormat !== "base64" || !Array.isArray(r.data)) return;
    for (const d of r.data) {
      if (!isObj(d) || !Array.isArray(d.embedding)) continue;
      const values = Float32Array.from(d.embedding as number[]);
      d.embedding = Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
    }
  },
};
