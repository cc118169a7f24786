import { invalidRequest, unsupportedValue } from "../http/errors.js";
import { compileClientSchema } from "../model/schema-check.js";
import { MEDIA_PART_TYPES, readMediaPart, type MediaPart } from "../multimodal/parts.js";
import { REASONING_EFFORTS, type ReasoningEffort } from "../model/reasoning.js";
import { array, boolean, integer, isObject, lisMember, number, object, oneOf, onlyKnown, optional, path, required, string, wrongType } from "./fields.js";

/** A chat completion request, checked and with defaults applied. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  /** Which field set the limit (for error messages and faults), if any. */
  maxTokensParam?: "max_tokens" | "max_completion_tokens";
  temperature: number;
  topP: number;
  n: number;
  stream: boolean;
  includeUsage: boolean;
  stop: string[];
  seed?: number;
  logprobs: boolean;
  topLogprobs: number;
  tools: ToolDefinition[];
  toolChoice: "none" | "auto" | "required" | { name: string };
  parallelToolCalls: boolean;
  responseFormat: { type: "text" } | { type: "json_object" } | { type: "json_schema"; name: string; schema: unknown };
  presencePenalty: number;
  frequencyPenalty: number;
  logitBias: Map<number, number>;
  /** vLLM's and llama.cpp's `ignore_eos`: generate up to the token limit, past the model's end of text (benchmark workloads, spec/1.1/performance.md). */
  ignoreEos: boolean;
  /** LIS 1.1 (reasoning profile): how much the model reasons before answering; absent = no reasoning. */
  reasoningEffort?: ReasoningEffort;
}

export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  /** The text of the message (text parts joined). */
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  /** For tool messages: the call it answers. */
  toolCallId?: string;
  /** Image and audio parts of a user message, in order (multimodal profile). */
  media?: MediaPart[];
}

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: unknown;
  strict: boolean;
}

/** Parameters this server honours; any other top-level key is rejected by name. */
export const CHAT_PARAMETERS = new Set([
  "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n", "stream",
  "stream_options", "stop", "seed", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls",
  "response_format", "presence_penalty", "frequency_penalty", "logit_bias", "user", "lis", "ignore_eos",
]);

/** LIS 1.1 adds `reasoning_effort` (spec/1.1/reasoning.md); a 1.0 server rejects it like any unknown member. */
const CHAT_PARAMETERS_1_1 = new Set([...CHAT_PARAMETERS, "reasoning_effort"]);
/** LIS 1.1 also defines OpenAI's `metadata` and `store` (CHAT-046, CHAT-047). */
const OPENAI_MEMBERS = ["metadata", "store"];
/** The top-level members a server of these options implements. */
export const chatParameters = (options: Strictness): ReadonlySet<string> => {
  if (options.openAiMembers) return options.reasoning ? CHAT_PARAMETERS_1_1_OPENAI : CHAT_PARAMETERS_OPENAI;
  return options.reasoning ? CHAT_PARAMETERS_1_1 : CHAT_PARAMETERS;
};
// Made once, not per validated request.
const CHAT_PARAMETERS_OPENAI = new Set([...CHAT_PARAMETERS, ...OPENAI_MEMBERS]);
const CHAT_PARAMETERS_1_1_OPENAI = new Set([...CHAT_PARAMETERS_1_1, ...OPENAI_MEMBERS]);
/** OpenAI's limits of `metadata` (CHAT-046). */
const METADATA_LIMITS = { members: 16, name: 64, value: 512 };

/** lis-tiny's context length: prompt plus completion tokens (CHAT-038/039). */
export const CONTEXT_LENGTH = 16384;
export const MAX_CHOICES = 128;
/** More stop sequences than OpenAI's four are honoured, up to this many (CHAT-016). */
export const MAX_STOP_SEQUENCES = 64;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function parseChatRequest(body: unknown, vocabSize: number, options: Strictness = {}): ChatRequest {
  const o = body as Record<string, unknown>;
  if (!options.acceptUnknown) onlyKnown(o, chatParameters(options), "", options.nullIsAbsent);
  if (options.openAiMembers) checkOpenAiMembers(o);
  lisMember(o, "", options.nullIsAbsent);
  const model = string(required(o, "model"), "model");
  if (model === "") throw invalidRequest("Invalid value for 'model': it must not be empty.", "model");
  const messages = array(required(o, "messages"), "messages", 1, 100_000).map((m, i) => parseMessage(m, path("messages", i), options));
  checkToolResults(messages);

  // No limit = the rest of the context; a limit beyond it is capped there (CHAT-039, CHAT-041).
  let maxTokensParam: ChatRequest["maxTokensParam"];
  let maxTokens = CONTEXT_LENGTH;
  for (const key of ["max_completion_tokens", "max_tokens"] as const) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    maxTokens = integer(v, key, 1, Number.MAX_SAFE_INTEGER);
    maxTokensParam = key;
  }
  if (o.max_tokens != null && o.max_completion_tokens != null && o.max_tokens !== o.max_completion_tokens) {
    throw invalidRequest("Set only one of 'max_tokens' and 'max_completion_tokens' (they mean the same).", "max_tokens");
  }

  const stream = optional(o, "stream", "", boolean, false);
  let includeUsage = false;
  if (o.stream_options != null) {
    if (!stream) throw invalidRequest("'stream_options' is only allowed when 'stream' is true.", "stream_options");
    const so = object(o.stream_options, "stream_options");
    if (!options.acceptUnknown) onlyKnown(so, ["include_usage"], "stream_options", options.nullIsAbsent);
    includeUsage = optional(so, "include_usage", "stream_options", boolean, false);
  }

  const logprobs = optional(o, "logprobs", "", boolean, false);
  const topLogprobs = optional(o, "top_logprobs", "", (v, p) => integer(v, p, 0, 20), 0);
  if (o.top_logprobs != null && !logprobs) throw invalidRequest("'top_logprobs' requires 'logprobs' to be true.", "top_logprobs");

  const tools = optional(o, "tools", "", (v, p) => array(v, p, 0, 128).map((t, i) => parseTool(t, path(p, i), options)), []);
  const names = new Set<string>();
  tools.forEach((t, i) => {
    if (names.has(t.name)) throw invalidRequest(`Duplicate tool name '${t.name}': tool names must be unique.`, `tools[${i}].function.name`);
    names.add(t.name);
  });
  const toolChoice = parseToolChoice(o.tool_choice, tools, options);
  optional(o, "user", "", string, ""); // an opaque end-user id: accepted, and has no effect on the output

  return {
    model,
    messages,
    maxTokens,
    maxTokensParam,
    temperature: optional(o, "temperature", "", (v, p) => number(v, p, 0, 2), 1),
    topP: optional(o, "top_p", "", (v, p) => number(v, p, 0, 1), 1),
    n: optional(o, "n", "", (v, p) => integer(v, p, 1, MAX_CHOICES), 1),
    stream,
    includeUsage,
    stop: parseStop(o.stop),
    seed: optional<number | undefined>(o, "seed", "", (v, p) => integer(v, p, -(2 ** 63), 2 ** 63 - 1), undefined),
    logprobs,
    topLogprobs,
    tools,
    toolChoice,
    parallelToolCalls: optional(o, "parallel_tool_calls", "", boolean, true),
    responseFormat: parseResponseFormat(o.response_format, options),
    presencePenalty: optional(o, "presence_penalty", "", (v, p) => number(v, p, -2, 2), 0),
    frequencyPenalty: optional(o, "frequency_penalty", "", (v, p) => number(v, p, -2, 2), 0),
    logitBias: parseLogitBias(o.logit_bias, vocabSize),
    ignoreEos: optional(o, "ignore_eos", "", boolean, false),
    ...(options.reasoning ? { reasoningEffort: optional<ReasoningEffort | undefined>(o, "reasoning_effort", "", (v, p) => oneOf(v, p, REASONING_EFFORTS), undefined) } : {}),
  };
}

/**
 * `metadata` (annotations, no effect on the output: accepting it is honouring it) and `store` (this server
 * keeps no completions, so `true` is a value it does not support): CHAT-046, CHAT-047.
 */
function checkOpenAiMembers(o: Record<string, unknown>): void {
  if (o.metadata != null) {
    const entries = Object.entries(object(o.metadata, "metadata"));
    if (entries.length > METADATA_LIMITS.members) throw invalidRequest(`Invalid value for 'metadata': at most ${METADATA_LIMITS.members} members, got ${entries.length}.`, "metadata");
    for (const [name, value] of entries) {
      const at = path("metadata", name);
      if (name.length > METADATA_LIMITS.name) throw invalidRequest(`Invalid name in 'metadata': names have at most ${METADATA_LIMITS.name} characters.`, at);
      if (string(value, at).length > METADATA_LIMITS.value) throw invalidRequest(`Invalid value for '${at}': values have at most ${METADATA_LIMITS.value} characters.`, at);
    }
  }
  if (o.store != null && boolean(o.store, "store")) {
    throw unsupportedValue("'store': true is not supported: this server does not keep completions. Send false or leave it out.", "store");
  }
}

const ROLES = ["system", "developer", "user", "assistant", "tool"] as const;
const MESSAGE_MEMBERS: Record<string, string[]> = {
  system: ["role", "content", "name"],
  developer: ["role", "content", "name"],
  user: ["role", "content", "name"],
  tool: ["role", "content", "tool_call_id", "name"],
};
/** Part types of later profiles (multimodal): known, not implemented here (CHAT-006). */
const LATER_PART_TYPES = new Set(["image_url", "input_audio", "file", "audio", "image"]);

export interface Strictness {
  acceptUnknown?: boolean;
  /** The server implements LIS 1.1: `reasoning_effort`, and `reasoning_content` typed in assistant messages. */
  reasoning?: boolean;
  /** LIS 1.1 (ERR-022): a member this server does not implement, sent as `null`, is absent rather than refused. */
  nullIsAbsent?: boolean;
  /** LIS 1.1: OpenAI's `metadata` and `store` are request members (CHAT-046, CHAT-047). */
  openAiMembers?: boolean;
}

function parseMessage(value: unknown, at: string, options: Strictness): ChatMessage {
  const m = object(value, at);
  const role = oneOf(required(m, "role", at), path(at, "role"), ROLES);
  // An assistant message may carry whatever a response message carried (CHAT-037).
  if (role !== "assistant" && !options.acceptUnknown) onlyKnown(m, MESSAGE_MEMBERS[role], at, options.nullIsAbsent);
  if (m.name != null) string(m.name, path(at, "name"));
  // An earlier answer's reasoning (REASON-009): accepted, and not part of the prompt (REASON-010).
  if (role === "assistant" && options.reasoning && m.reasoning_content != null) string(m.reasoning_content, path(at, "reasoning_content"));
  const toolCalls: ChatMessage["toolCalls"] = [];
  if (role === "assistant" && m.tool_calls != null) {
    array(m.tool_calls, path(at, "tool_calls")).forEach((c, i) => {
      const cp = path(path(at, "tool_calls"), i);
      const call = object(c, cp);
      const id = string(required(call, "id", cp), path(cp, "id"));
      oneOf(required(call, "type", cp), path(cp, "type"), ["function"] as const);
      const fn = object(required(call, "function", cp), path(cp, "function"));
      const name = string(required(fn, "name", path(cp, "function")), `${path(cp, "function")}.name`);
      const args = string(required(fn, "arguments", path(cp, "function")), `${path(cp, "function")}.arguments`);
      toolCalls.push({ id, name, arguments: args });
    });
  }
  let toolCallId: string | undefined;
  if (role === "tool") toolCallId = string(required(m, "tool_call_id", at), path(at, "tool_call_id"));
  const content = role === "assistant" && toolCalls.length > 0 ? m.content : required(m, "content", at);
  const media: MediaPart[] = [];
  const text = content == null ? "" : contentText(content, path(at, "content"), options, role, media);
  return { role, text, toolCalls, toolCallId, ...(media.length > 0 ? { media } : {}) };
}

/** Message content: a string, or an array of text parts (other part types belong to later profiles). */
function contentText(content: unknown, at: string, options: Strictness, role: string, media: MediaPart[]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw wrongType(at, "a string or an array of content parts", content);
  return content
    .map((part, i) => {
      const pp = path(at, i);
      const p = object(part, pp);
      const type = string(required(p, "type", pp), path(pp, "type"));
      if (MEDIA_PART_TYPES.has(type)) {
        media.push(readMediaPart(p, pp, type, role, !options.acceptUnknown));
        return "";
      }
      if (type !== "text") {
        if (LATER_PART_TYPES.has(type)) {
          throw unsupportedValue(`Unsupported content part type '${type}' at '${path(pp, "type")}': this server implements text parts only (no multimodal profile).`, path(pp, "type"));
        }
        throw invalidRequest(`Invalid content part type '${type.slice(0, 40)}' at '${path(pp, "type")}': expected 'text'.`, path(pp, "type"));
      }
      if (!options.acceptUnknown) onlyKnown(p, ["type", "text"], pp, options.nullIsAbsent);
      return string(required(p, "text", pp), path(pp, "text"));
    })
    .join("");
}

/** TOOL-018: a tool result must answer a call of an earlier assistant message. */
function checkToolResults(messages: ChatMessage[]): void {
  const calls = new Set<string>();
  messages.forEach((m, i) => {
    for (const c of m.toolCalls) calls.add(c.id);
    if (m.role === "tool" && !calls.has(m.toolCallId!)) {
      throw invalidRequest(`'messages[${i}].tool_call_id' is '${m.toolCallId!.slice(0, 64)}', which matches no tool call of an earlier assistant message.`, `messages[${i}].tool_call_id`);
    }
  });
}

function parseTool(value: unknown, at: string, options: Strictness): ToolDefinition {
  const t = object(value, at);
  oneOf(required(t, "type", at), path(at, "type"), ["function"] as const);
  if (!options.acceptUnknown) onlyKnown(t, ["type", "function"], at, options.nullIsAbsent);
  const fp = path(at, "function");
  const fn = object(required(t, "function", at), fp);
  if (!options.acceptUnknown) onlyKnown(fn, ["name", "description", "parameters", "strict"], fp, options.nullIsAbsent);
  const name = string(required(fn, "name", fp), path(fp, "name"));
  if (!TOOL_NAME.test(name)) throw invalidRequest(`Invalid tool name '${name.slice(0, 80)}': use 1-64 letters, digits, '_' or '-'.`, path(fp, "name"));
  const description = optional<string | undefined>(fn, "description", fp, string, undefined);
  const strict = optional(fn, "strict", fp, boolean, false);
  const parameters = fn.parameters ?? { type: "object", properties: {} };
  checkSchema(parameters, path(fp, "parameters"));
  return { name, description, parameters, strict };
}

function checkSchema(schema: unknown, at: string): void {
  if (!isObject(schema)) throw wrongType(at, "a JSON Schema object", schema);
  const compiled = compileClientSchema(schema);
  if (typeof compiled === "string") throw invalidRequest(`Invalid JSON Schema at '${at}': ${compiled}`, at, "invalid_value");
}

function parseToolChoice(value: unknown, tools: ToolDefinition[], options: Strictness): ChatRequest["toolChoice"] {
  if (value === undefined || value === null) return tools.length > 0 ? "auto" : "none";
  if (typeof value === "string") {
    const choice = oneOf(value, "tool_choice", ["none", "auto", "required"] as const);
    if (choice === "required" && tools.length === 0) throw invalidRequest("'tool_choice' is 'required' but no 'tools' were given.", "tool_choice");
    return tools.length === 0 ? "none" : choice;
  }
  if (!isObject(value)) throw wrongType("tool_choice", "'none', 'auto', 'required' or a function choice object", value);
  if (value.type !== "function") throw invalidRequest("Invalid value for 'tool_choice': an object choice is {\"type\": \"function\", \"function\": {\"name\": ...}}.", "tool_choice");
  if (!options.acceptUnknown) onlyKnown(value, ["type", "function"], "tool_choice", options.nullIsAbsent);
  const fn = isObject(value.function) ? value.function : undefined;
  if (!fn || typeof fn.name !== "string") throw invalidRequest("Invalid value for 'tool_choice': 'function.name' must be a string.", "tool_choice");
  if (!options.acceptUnknown) onlyKnown(fn, ["name"], "tool_choice.function", options.nullIsAbsent);
  const name = fn.name;
  if (!tools.some((t) => t.name === name)) throw invalidRequest(`'tool_choice' names the function '${name.slice(0, 64)}', which is not among 'tools'.`, "tool_choice");
  return { name };
}

function parseStop(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") {
    if (value === "") throw invalidRequest("Invalid value for 'stop': a stop sequence must not be empty.", "stop");
    return [value];
  }
  return array(value, "stop", 1, MAX_STOP_SEQUENCES).map((s, i) => {
    const v = string(s, `stop[${i}]`);
    if (v === "") throw invalidRequest(`Invalid value for 'stop[${i}]': a stop sequence must not be empty.`, `stop[${i}]`);
    return v;
  });
}

function parseResponseFormat(value: unknown, options: Strictness): ChatRequest["responseFormat"] {
  if (value === undefined || value === null) return { type: "text" };
  const rf = object(value, "response_format");
  const type = oneOf(required(rf, "type", "response_format"), "response_format.type", ["text", "json_object", "json_schema"] as const);
  if (!options.acceptUnknown) onlyKnown(rf, type === "json_schema" ? ["type", "json_schema"] : ["type"], "response_format", options.nullIsAbsent);
  if (type !== "json_schema") return { type };
  const js = object(required(rf, "json_schema", "response_format"), "response_format.json_schema");
  if (!options.acceptUnknown) onlyKnown(js, ["name", "description", "schema", "strict"], "response_format.json_schema", options.nullIsAbsent);
  if (js.description != null) string(js.description, "response_format.json_schema.description");
  const name = string(required(js, "name", "response_format.json_schema"), "response_format.json_schema.name");
  if (!TOOL_NAME.test(name)) throw invalidRequest(`Invalid schema name '${name.slice(0, 80)}': use 1-64 letters, digits, '_' or '-'.`, "response_format.json_schema.name");
  if (js.strict != null) boolean(js.strict, "response_format.json_schema.strict");
  const schema = required(js, "schema", "response_format.json_schema");
  checkSchema(schema, "response_format.json_schema.schema");
  return { type, name, schema };
}

function parseLogitBias(value: unknown, vocabSize: number): Map<number, number> {
  const bias = new Map<number, number>();
  if (value === undefined || value === null) return bias;
  for (const [key, v] of Object.entries(object(value, "logit_bias"))) {
    const id = Number(key);
    if (!/^\d+$/.test(key) || id >= vocabSize) {
        throw invalidRequest(`Invalid key '${key.slice(0, 40)}' in 'logit_bias': keys are token ids 0..${vocabSize - 1}.`, path("logit_bias", key));
    }
    bias.set(id, number(v, path("logit_bias", key), -100, 100));
  }
  return bias;
}
