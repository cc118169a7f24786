import { randomBytes } from "node:crypto";
import type { RepairRule } from "../rule.js";

/**
 * All chunks of a stream carry the `id`, `object`, `created` and `model` of its first chunk (STREAM-007),
 * including those the proxy adds; a proxy that re-wraps events (or an engine that renumbers them) breaks
 * this. Runs last, after the rules that fix these members on the first chunk.
 */
export const streamIdentity: RepairRule = {
  keyword: "stream-identity",
  description: "give every chunk the id, object, created and model of the first chunk",
  stream: (_args, x) => {
    let head: { id: unknown; object: unknown; created: unknown; model: unknown } | undefined;
    return {
      chunk(c, emit) {
        head ??= {
          id: typeof c.id === "string" && c.id !== "" ? c.id : `chatcmpl-${randomBytes(12).toString("hex")}`,
          object: "chat.completion.chunk",
          created: Number.isInteger(c.created) ? c.created : x.now(),
          model: typeof c.model === "string" ? c.model : x.request.model,
        };
        // Set in place (the hot path of every stream): members a chunk lacks come last, which JSON readers do not mind.
        c.id = head.id;
        c.object = head.object;
        c.created = head.created;
        c.model = head.model;
        emit(c);
      },
    };
  },
};
