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
        // The head first, so that every chunk reads the same way whatever its origin.
        const { id: _i, object: _o, created: _c, model: _m, ...rest } = c;
        emit({ ...head, ...rest });
      },
    };
  },
};
