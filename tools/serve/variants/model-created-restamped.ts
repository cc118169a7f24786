import { onSuccess, type Json } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

const CALLS = "model-created-restamped:calls";

export const modelCreatedRestamped: VariantDefinition = {
  name: "model-created-restamped",
  description: "`created` of model objects is stamped anew at every GET /models and GET /models/{model} (a new value within the last hour each call; llama.cpp uses the current time)",
  allowedBy: [{ clause: "MODEL-003", quote: "`created` MUST be a Unix time in whole seconds: an integer that is at least 0 and not more than one day after the server's current time." }],
  transformBody: onSuccess(["models", "model"], (body, ctx) => {
    // Seconds before now, one more each call, so that two calls always differ.
    const calls = Number(ctx.memory.get(CALLS) ?? 0) + 1;
    ctx.memory.set(CALLS, calls);
    const stamp = Math.floor(Date.now() / 1000) - 3600 + (calls % 3600);
    const restamp = (m: Json) => ({ ...m, created: stamp });
    return Array.isArray(body.data) ? { ...body, data: body.data.map(restamp) } : restamp(body);
  }),
};
