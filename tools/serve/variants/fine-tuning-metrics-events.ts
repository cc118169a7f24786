import { isObj, onSuccess, type Json } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** A training-metrics event, newer than the status event it follows (lists are newest first). */
const metrics = (e: Json): Json => ({ id: `${e.id}-metrics`, object: "fine_tuning.job.event", created_at: e.created_at, level: "info", message: "Step 1: training loss 1.25", type: "metrics", data: { step: 1, train_loss: 1.25, train_mean_token_accuracy: 0.5 } });

export const fineTuningMetricsEvents: VariantDefinition = {
  name: "fine-tuning-metrics-events",
  description: "the events of a running job include training-metrics events (type \"metrics\") besides the status changes",
  allowedBy: [{ doc: "fine-tuning.md", quote: "and optionally `type` (`message` or `metrics`) and `data` (an object or `null`)" }],
  transformBody: onSuccess("fine-tuning", (body) =>
    body.object === "list" && Array.isArray(body.data) && body.data.every((e: unknown) => isObj(e) && e.object === "fine_tuning.job.event")
      ? { ...body, data: body.data.flatMap((e: Json) => (isObj(e.data) && e.data.status === "running" ? [metrics(e), e] : [e])) }
      : body,
  ),
};
