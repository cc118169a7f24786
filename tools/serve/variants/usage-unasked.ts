import { isObj, requestOn } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** Whether the client itself asked for the usage chunk (the request as sent, before this variant's hook). */
const askedForUsage = (request: Record<string, unknown> | undefined) => isObj(request?.stream_options) && request.stream_options.include_usage === true;

/** stream_options that validly do not ask for usage (a malformed one is left for validation to reject). */
const notAsked = (options: unknown) => options == null || (isObj(options) && (options.include_usage == null || options.include_usage === false));

export const usageUnasked: VariantDefinition = {
  name: "usage-unasked",
  description: "streams that did not ask for usage still carry it, on their last chunk with choices (llama.cpp); streams that asked get the usage chunk",
  allowedBy: [{ clause: "STREAM-014", quote: "When the request has `stream_options.include_usage: true`, the server MUST send" }],
  departsFrom: [{ clause: "STREAM-015", why: "the SHOULD asks for no usage unless requested; llama.cpp sends it on the finishing chunk of every stream" }],
  // Ask the server for the usage chunk, then move it onto the last chunk with choices when the client did not.
  transformRequest: requestOn("chat", (body) => (body.stream === true && notAsked(body.stream_options) ? { ...body, stream_options: { ...(isObj(body.stream_options) ? body.stream_options : {}), include_usage: true } } : body)),
  transformChunks: (chunks, ctx) => {
    if (askedForUsage(ctx.request)) return chunks;
    const usage = chunks.find((c) => c.choices.length === 0 && isObj(c.usage))?.usage;
    const rest = chunks.filter((c) => c.choices.length > 0).map(({ usage: _, ...c }) => c as typeof chunks[number]);
    if (usage === undefined || rest.length === 0) return rest;
    rest[rest.length - 1] = { ...rest[rest.length - 1], usage };
    return rest;
  },
};
