import { createHash } from "node:crypto";
import { isObj, onSuccess, type Json } from "../hooks/helpers.js";
import type { Chunk } from "../hooks/engine.js";
import type { VariantDefinition } from "./types.js";

const digest = (s: string) => createHash("sha256").update(s).digest();
/** A UUID-shaped id derived from another (so one stream keeps one id, and distinct ids stay distinct). */
const uuid = (s: string) => digest(s).toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, "$1-$2-$3-$4-$5");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Mistral's tool-call id form: nine letters and digits. */
const nine = (s: string) => [...digest(s).subarray(0, 9)].map((b) => ALNUM[b % ALNUM.length]).join("");

const toolCalls = (calls: unknown) => (Array.isArray(calls) ? calls.map((t: Json) => (isObj(t) && typeof t.id === "string" ? { ...t, id: nine(t.id) } : t)) : calls);
const completion = (o: Json): Json => ({ ...o, id: typeof o.id === "string" ? `chatcmpl-${uuid(o.id)}` : o.id, system_fingerprint: `fp_${digest(String(o.system_fingerprint)).toString("hex").slice(0, 10)}` });

export const idFormats: VariantDefinition = {
  name: "id-formats",
  description: "ids in other forms: completion ids chatcmpl-<uuid>, nine-character tool-call ids (Mistral), fp_… fingerprints, UUID request ids",
  allowedBy: [
    { clause: "CHAT-029", quote: "`id` a non-empty string" },
    { clause: "TOOL-009", quote: "each with `id` (a non-empty string)" },
    { clause: "HTTP-014", quote: "whose value identifies the request in the server's logs" },
  ],
  transformBody: onSuccess("chat", (body) =>
    Array.isArray(body.choices)
      ? { ...completion(body), choices: body.choices.map((c: Json) => (isObj(c.message) && c.message.tool_calls ? { ...c, message: { ...c.message, tool_calls: toolCalls(c.message.tool_calls) } } : c)) }
      : body,
  ),
  transformChunks: (chunks) =>
    chunks.map((c) => ({ ...completion(c), choices: c.choices.map((ch) => (isObj(ch.delta) && ch.delta.tool_calls ? { ...ch, delta: { ...ch.delta, tool_calls: toolCalls(ch.delta.tool_calls) } } : ch)) }) as Chunk),
  transformHeaders: (headers, ctx) => {
    const own = headers["x-request-id"];
    // A request id the client sent is echoed as it was (HTTP-015); the server's own ones become UUIDs.
    return own !== undefined && own !== ctx.headers["x-request-id"] ? { ...headers, "x-request-id": uuid(own) } : headers;
  },
};
