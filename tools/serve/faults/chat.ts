/** Faults of spec/1.0/chat.md. */
import { randomBytes } from "node:crypto";
import { ApiError, invalidRequest, modelNotFound, unknownParameter } from "../http/errors.js";
import { DEFAULT_MODELS } from "../models.js";
import { CONTEXT_LENGTH } from "../validate/chat.js";
import { isObj, mapMessages, onChoices, onChunks, onSuccess, requestOn, type Json } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

const messagesOf = (body: Json): Json[] => (Array.isArray(body.messages) ? body.messages : []);
const LIS_PART_TYPES = new Set(["text", "image_url", "input_audio"]);
const clamp = (v: unknown, lo: number, hi: number) => (typeof v === "number" ? Math.min(hi, Math.max(lo, v)) : v);
const logprobEntries = (choice: Json, edit: (entry: Json) => Json) =>
  isObj(choice.logprobs) && Array.isArray(choice.logprobs.content) ? { ...choice, logprobs: { ...choice.logprobs, content: choice.logprobs.content.map(edit) } } : choice;

export const chatFaults: FaultDefinition[] = [
  {
    clause: "CHAT-001",
    description: "a chat request without `model` is served by the default model instead of rejected",
    transformRequest: requestOn("chat", (body) => (body.model == null ? { ...body, model: DEFAULT_MODELS[0].id } : body)),
  },
  {
    clause: "CHAT-002",
    description: "an empty `messages` array is served (as one empty user message) instead of rejected",
    transformRequest: requestOn("chat", (body) => (Array.isArray(body.messages) && body.messages.length === 0 ? { ...body, messages: [{ role: "user", content: "" }] } : body)),
  },
  {
    clause: "CHAT-003",
    description: "messages with role `developer` are rejected with 400",
    transformRequest: requestOn("chat", (body) => {
      const i = messagesOf(body).findIndex((m) => m?.role === "developer");
      if (i !== -1) throw invalidRequest(`Invalid value for 'messages[${i}].role': 'developer' is not supported.`, `messages[${i}].role`);
      return body;
    }),
  },
  {
    clause: "CHAT-004",
    description: "a `developer` message is rendered as a user message, so it gives other output than the same `system` message",
    transformRequest: requestOn("chat", (body) => mapMessages(body, (m) => (m.role === "developer" ? { ...m, role: "user" } : m))),
  },
  {
    clause: "CHAT-005",
    description: "array content is rendered with a `[text]` marker, so it gives other output than the same string",
    transformRequest: requestOn("chat", (body) =>
      mapMessages(body, (m) => (Array.isArray(m.content) ? { ...m, content: m.content.map((p: Json) => (isObj(p) && typeof p.text === "string" ? { ...p, text: `[text] ${p.text}` } : p)) } : m)),
    ),
  },
  {
    clause: "CHAT-006",
    // Only parts of no LIS type: the image and audio parts of the multimodal profile are still served, so
    // the fault breaks CHAT-006 alone, not the MM clauses that those parts exercise.
    description: "content parts of a type that no LIS profile defines are silently dropped",
    transformRequest: requestOn("chat", (body) =>
      mapMessages(body, (m) => (Array.isArray(m.content) ? { ...m, content: m.content.filter((p: Json) => isObj(p) && LIS_PART_TYPES.has(p.type)) } : m)),
    ),
  },
  {
    clause: "CHAT-007",
    description: "a system, developer or user message without content is served as empty text",
    transformRequest: requestOn("chat", (body) => mapMessages(body, (m) => (m.role !== "assistant" && m.role !== "tool" && m.content == null ? { ...m, content: "" } : m))),
  },
  {
    clause: "CHAT-008",
    description: "messages that carry `name` are rejected as an unknown parameter",
    transformRequest: requestOn("chat", (body) => {
      const i = messagesOf(body).findIndex((m) => isObj(m) && m.name != null);
      if (i !== -1) throw unknownParameter(`messages[${i}].name`);
      return body;
    }),
  },
  {
    clause: "CHAT-009",
    description: "out-of-range sampling values (temperature, top_p, penalties) are clamped into range instead of rejected",
    transformRequest: requestOn("chat", (body) => ({
      ...body,
      ...(body.temperature != null ? { temperature: clamp(body.temperature, 0, 2) } : {}),
      ...(body.top_p != null ? { top_p: clamp(body.top_p, 0, 1) } : {}),
      ...(body.presence_penalty != null ? { presence_penalty: clamp(body.presence_penalty, -2, 2) } : {}),
      ...(body.frequency_penalty != null ? { frequency_penalty: clamp(body.frequency_penalty, -2, 2) } : {}),
    })),
  },
  {
    clause: "CHAT-011",
    description: "a `model` that is not a string is answered 404 model_not_found instead of 400",
    transformRequest: requestOn("chat", (body) => {
      if (body.model != null && typeof body.model !== "string") throw modelNotFound(String(body.model));
      return body;
    }),
  },
  {
    clause: "CHAT-037",
    description: "assistant messages that carry response members (refusal, annotations, audio, ...) are rejected as unknown parameters",
    transformRequest: requestOn("chat", (body) => {
      messagesOf(body).forEach((m, i) => {
        if (m?.role !== "assistant") return;
        const extra = Object.keys(m).find((k) => !["role", "content", "name", "tool_calls"].includes(k));
        if (extra) throw unknownParameter(`messages[${i}].${extra}`);
      });
      return body;
    }),
  },
  {
    clause: "CHAT-012",
    // A valid limit alone is stretched, so invalid or conflicting ones are still rejected (CHAT-009, CHAT-013).
    description: "`max_tokens` (the older name) is off by one: the output may have one token more than the limit",
    transformRequest: requestOn("chat", (body) =>
      Number.isInteger(body.max_tokens) && body.max_tokens >= 1 && body.max_completion_tokens == null ? { ...body, max_tokens: body.max_tokens + 1 } : body,
    ),
  },
  {
    clause: "CHAT-013",
    description: "`max_tokens` and `max_completion_tokens` with different values are accepted (the latter wins)",
    transformRequest: requestOn("chat", (body) =>
      body.max_tokens != null && body.max_completion_tokens != null ? (({ max_tokens: _, ...rest }) => rest)(body) : body,
    ),
  },
  {
    clause: "CHAT-014",
    // In streams too, so that a stream still matches the non-streamed answer (STREAM-012).
    description: "choices cut by the token limit report finish_reason `stop` instead of `length` (streamed or not)",
    transformBody: onChoices((c) => (c.finish_reason === "length" ? { ...c, finish_reason: "stop" } : c)),
    transformChunks: onChunks((chunks) => chunks.map((k) => ({ ...k, choices: k.choices.map((c) => (c.finish_reason === "length" ? { ...c, finish_reason: "stop" } : c)) }))),
  },
  {
    clause: "CHAT-038",
    description: "a prompt longer than the context is silently cut to its last 40,000 characters per message",
    transformRequest: requestOn("chat", (body) => mapMessages(body, (m) => (typeof m.content === "string" && m.content.length > 40_000 ? { ...m, content: m.content.slice(-40_000) } : m))),
  },
  {
    clause: "CHAT-039",
    description: "a token limit beyond the context length fails with 500 instead of being capped or rejected 400",
    transformRequest: requestOn("chat", (body) => {
      const n = body.max_completion_tokens ?? body.max_tokens;
      if (typeof n === "number" && n > CONTEXT_LENGTH) throw new ApiError(500, "Internal server error: KV cache allocation failed.", "server_error", null, "internal_error");
      return body;
    }),
  },
  {
    clause: "CHAT-040",
    description: "two consecutive messages with the same role fail with 500 (\"roles must alternate\") instead of 400",
    transformRequest: requestOn("chat", (body) => {
      const roles = messagesOf(body).map((m) => m?.role);
      if (roles.some((r, i) => i > 0 && r === roles[i - 1])) {
        throw new ApiError(500, "Conversation roles must alternate user/assistant/user/assistant.", "server_error", null, "internal_error");
      }
      return body;
    }),
  },
  {
    clause: "CHAT-015",
    description: "a request with n > 1 gets a single choice",
    transformBody: onSuccess("chat", (body) => (Array.isArray(body.choices) && body.choices.length > 1 ? { ...body, choices: body.choices.slice(0, 1) } : body)),
  },
  {
    clause: "CHAT-016",
    description: "an empty stop string or empty stop array is accepted (and ignored) instead of rejected",
    transformRequest: requestOn("chat", (body) => {
      if (body.stop === "" || (Array.isArray(body.stop) && body.stop.filter((s: unknown) => s !== "").length === 0)) {
        const { stop: _, ...rest } = body;
        return rest;
      }
      return Array.isArray(body.stop) ? { ...body, stop: body.stop.filter((s: unknown) => s !== "") } : body;
    }),
  },
  {
    clause: "CHAT-017",
    description: "a choice stopped by a stop string keeps the stop string at the end of its content",
    transformBody: onChoices((c, ctx) => {
      const stop = ctx.request?.stop;
      const first = typeof stop === "string" ? stop : Array.isArray(stop) ? stop[0] : undefined;
      return c.finish_reason === "stop" && typeof first === "string" && typeof c.message?.content === "string" ? { ...c, message: { ...c.message, content: c.message.content + first } } : c;
    }),
  },
  {
    clause: "CHAT-018",
    description: "finish_reason `stop` is sent as `eos`",
    // Not for requests with `stop`: there CHAT-017 requires finish_reason "stop" of its own.
    transformBody: onChoices((c, ctx) => (c.finish_reason === "stop" && ctx.request?.stop == null ? { ...c, finish_reason: "eos" } : c)),
  },
  {
    clause: "CHAT-019",
    description: "text answers that ended normally report finish_reason `tool_calls` without any tool calls",
    // Only answers that ended on their own (no `stop` in the request): at a stop string CHAT-017 requires "stop".
    transformBody: onChoices((c, ctx) => (c.finish_reason === "stop" && !c.message?.tool_calls && ctx.request?.stop == null ? { ...c, finish_reason: "tool_calls" } : c)),
  },
  {
    clause: "CHAT-022",
    description: "`top_logprobs` without `logprobs: true` is accepted (and ignored)",
    transformRequest: requestOn("chat", (body) => (body.top_logprobs != null && body.logprobs !== true ? (({ top_logprobs: _, ...rest }) => rest)(body) : body)),
  },
  {
    clause: "CHAT-023",
    description: "log-probability entries leave out `bytes`",
    transformBody: onChoices((c) => logprobEntries(c, ({ bytes: _, ...e }) => e)),
  },
  {
    clause: "CHAT-024",
    description: "`top_logprobs` lists are sorted from least to most likely",
    transformBody: onChoices((c) => logprobEntries(c, (e) => ({ ...e, top_logprobs: [...e.top_logprobs].reverse() }))),
  },
  {
    clause: "CHAT-025",
    description: "`top_logprobs` values are halved (no longer one distribution, and unequal to the chosen token's)",
    transformBody: onChoices((c) => logprobEntries(c, (e) => ({ ...e, top_logprobs: e.top_logprobs.map((t: Json) => ({ ...t, logprob: t.logprob / 2 })) }))),
  },
  {
    clause: "CHAT-026",
    description: "choices carry `logprobs: {\"content\": []}` although log-probabilities were not requested",
    transformBody: onChoices((c, ctx) => (ctx.request?.logprobs === true ? c : { ...c, logprobs: { content: [], refusal: null } })),
  },
  {
    clause: "CHAT-028",
    description: "`stream: false` and `stream: null` are answered with an event stream",
    transformRequest: requestOn("chat", (body) => (body.stream === false || body.stream === null ? { ...body, stream: true } : body)),
  },
  {
    clause: "CHAT-029",
    description: "chat completions carry `object: \"text_completion\"`",
    transformBody: onSuccess("chat", (body) => (body.object === "chat.completion" ? { ...body, object: "text_completion" } : body)),
  },
  {
    clause: "CHAT-031",
    description: "`created` of chat completions is in milliseconds",
    transformBody: onSuccess("chat", (body) => (body.object === "chat.completion" ? { ...body, created: body.created * 1000 } : body)),
  },
  {
    clause: "CHAT-032",
    description: "`model` of chat completions is the model's file path (`/models/lis-tiny.gguf`)",
    transformBody: onSuccess("chat", (body) => (body.object === "chat.completion" ? { ...body, model: `/models/${body.model}.gguf` } : body)),
  },
  {
    clause: "CHAT-033",
    description: "response messages carry `role: \"model\"` instead of `\"assistant\"`",
    transformBody: onChoices((c) => (isObj(c.message) ? { ...c, message: { ...c.message, role: "model" } } : c)),
  },
  {
    clause: "CHAT-046",
    description: "`metadata` is refused with unknown_parameter, as by a server of 1.0",
    transformRequest: requestOn("chat", (body) => {
      if (body.metadata != null) throw unknownParameter("metadata");
      return body;
    }),
  },
  {
    clause: "CHAT-047",
    description: "`store: false` is refused with unknown_parameter (true is still refused with unsupported_value)",
    transformRequest: requestOn("chat", (body) => {
      if (body.store === false) throw unknownParameter("store");
      return body;
    }),
  },
  {
    clause: "CHAT-048",
    description: "every chat completion and stream carries a fresh random system_fingerprint",
    transformBody: onSuccess("chat", (body) => (body.object === "chat.completion" ? { ...body, system_fingerprint: `fp_${randomBytes(6).toString("hex")}` } : body)),
    transformChunks: onChunks((chunks) => {
      const fingerprint = `fp_${randomBytes(6).toString("hex")}`;
      return chunks.map((c) => ({ ...c, system_fingerprint: fingerprint }));
    }),
  },
  {
    clause: "CHAT-034",
    description: "`usage.total_tokens` is one more than prompt_tokens + completion_tokens",
    transformBody: onSuccess("chat", (body) => (body.object === "chat.completion" && isObj(body.usage) ? { ...body, usage: { ...body.usage, total_tokens: body.usage.total_tokens + 1 } } : body)),
  },
];
