import type { EvalItem } from "./dataset.js";
import type { Task } from "./metrics/types.js";

/** What a run sends for each item and how it reads the answer; one definition per way of querying. */
export interface TaskClient {
  task: Task;
  /** Endpoint path below the base URL. */
  endpoint: string;
  /** Profiles whose conformance matters for this run (EVAL-007). */
  profiles: string[];
  /** Set when this is not the task's standard endpoint. */
  fallback?: string;
  request(item: EvalItem, ctx: RequestContext): Record<string, unknown>;
  /** The predicted label or generated text, or an error saying what the response lacked. */
  prediction(response: unknown): { value: string } | { error: string };
}

export interface RequestContext {
  model: string;
  labels: string[];
  seed: number;
  maxTokens: number;
}

const firstChoiceContent = (response: unknown): { value: string } | { error: string } => {
  const choice = (response as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0];
  if (!choice) return { error: "the response has no choices" };
  const content = choice.message?.content;
  return typeof content === "string" ? { value: content } : { error: "the first choice has no text content" };
};

/** Generation: chat completions, greedy and seeded (EVAL-004). */
export const generationClient: TaskClient = {
  task: "generation",
  endpoint: "/chat/completions",
  profiles: ["core"],
  request: (item, ctx) => ({ model: ctx.model, messages: item.messages, temperature: 0, seed: ctx.seed, max_tokens: item.maxTokens ?? ctx.maxTokens }),
  prediction: firstChoiceContent,
};

/**
 * Classification over chat completions: the label set as a JSON Schema enum (structured-output profile),
 * for endpoints without the classification profile.
 */
export const chatClassificationClient: TaskClient = {
  task: "classification",
  endpoint: "/chat/completions",
  profiles: ["core", "structured-output"],
  fallback: "chat-constrained-labels",
  request: (item, ctx) => ({
    model: ctx.model,
    messages: [
      { role: "system", content: `Classify the user's text. Answer with JSON {"label": L} where L is one of: ${ctx.labels.join(", ")}.` },
      { role: "user", content: item.text },
    ],
    temperature: 0,
    seed: ctx.seed,
    max_tokens: ctx.maxTokens,
    response_format: {
      type: "json_schema",
      json_schema: {
        name: "classification",
        strict: true,
        schema: { type: "object", properties: { label: { type: "string", enum: ctx.labels } }, required: ["label"], additionalProperties: false },
      },
    },
  }),
  prediction(response) {
    const content = firstChoiceContent(response);
    if ("error" in content) return content;
    try {
      const label = (JSON.parse(content.value) as { label?: unknown }).label;
      if (typeof label === "string") return { value: label };
    } catch {
      /* not JSON: fall through */
    }
    return { value: content.value.trim() };
  },
};

/**
 * Classification through the classification profile's endpoint (spec/1.0/classification.md): request
 * `{model, input, labels}` with the dataset's label set, answer `data[0].label` (or, failing that, the
 * most probable of `data[0].labels`).
 */
export const classificationClient: TaskClient = {
  task: "classification",
  endpoint: "/classifications",
  profiles: ["core", "classification"],
  request: (item, ctx) => ({ model: ctx.model, input: item.text, labels: ctx.labels }),
  prediction(response) {
    const first = (response as { data?: Array<{ label?: unknown; labels?: Array<{ label?: unknown; probability?: unknown }> }> })?.data?.[0];
    if (!first) return { error: "the response has no data" };
    if (typeof first.label === "string") return { value: first.label };
    const best = [...(first.labels ?? [])].sort((a, b) => Number(b.probability) - Number(a.probability))[0];
    return typeof best?.label === "string" ? { value: best.label } : { error: "the classification has no label" };
  },
};
