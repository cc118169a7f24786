import { invalidRequest, unknownParameter } from "../http/errors.js";
import { compileClientSchema } from "../model/schema-check.js";
import { array, boolean, integer, isObject, number, object, oneOf, optional, path, required, string, wrongType, type Obj } from "./fields.js";

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
}

export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  /** The text of the message (text parts joined). */
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
}

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: unknown;
}

/** Parameters this server honours; any other top-level key is rejected by name. */
export const CHAT_PARAMETERS = new Set([
  "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n", "stream",
  "stream_options", "stop", "seed", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls",
  "response_format", "presence_penalty", "frequency_penalty", "logit_bias", "user",
]);

/** The most completion tokens lis-tiny generates per choice; also the default limit. */
export const MAX_COMPLETION_TOKENS = 4096;
export const MAX_CHOICES = 16;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function parseChatRequest(body: unknown, vocabSize: number, options: { acceptUnknown?: boolean } = {}): ChatRequest {
  const o = object(body, "body");
  if (!options.acceptUnknown) for (const key of Object.keys(o)) if (!CHAT_PARAMETERS.has(key)) throw unknownParameter(key);
  const model = string(required(o, "model"), "model");
  const messages = array(required(o, "messages"), "messages", 1, 4096).map((m, i) => parseMessage(m, path("messages", i)));

  let maxTokensParam: ChatRequest["maxTokensParam"];
  let maxTokens = MAX_COMPLETION_TOKENS;
  for (const key of ["max_completion_tokens", "max_tokens"] as const) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    maxTokens = integer(v, key, 1, Number.MAX_SAFE_INTEGER);
    if (maxTokens > MAX_COMPLETION_TOKENS) {
      throw invalidRequest(`Invalid value for '${key}': ${maxTokens} is more than lis-tiny's limit of ${MAX_COMPLETION_TOKENS} completion tokens.`, key);
    }
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
    for (const key of Object.keys(so)) if (key !== "include_usage") throw unknownParameter(`stream_options.${key}`);
    includeUsage = optional(so, "include_usage", "stream_options", boolean, false);
  }

  const logprobs = optional(o, "logprobs", "", boolean, false);
  const topLogprobs = optional(o, "top_logprobs", "", (v, p) => integer(v, p, 0, 20), 0);
  if (o.top_logprobs != null && !logprobs) throw invalidRequest("'top_logprobs' requires 'logprobs' to be true.", "top_logprobs");

  const tools = optional(o, "tools", "", (v, p) => array(v, p, 0, 128).map((t, i) => parseTool(t, path(p, i))), []);
  const names = new Set<string>();
  tools.forEach((t, i) => {
    if (names.has(t.name)) throw invalidRequest(`Duplicate tool name '${t.name}'.`, `tools[${i}].function.name`);
    names.add(t.name);
  });
  const toolChoice = parseToolChoice(o.tool_choice, tools);
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
    seed: optional<number | undefined>(o, "seed", "", (v, p) => integer(v, p, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), undefined),
    logprobs,
    topLogprobs,
    tools,
    toolChoice,
    parallelToolCalls: optional(o, "parallel_tool_calls", "", boolean, true),
    responseFormat: parseResponseFormat(o.response_format),
    presencePenalty: optional(o, "presence_penalty", "", (v, p) => number(v, p, -2, 2), 0),
    frequencyPenalty: optional(o, "frequency_penalty", "", (v, p) => number(v, p, -2, 2), 0),
    logitBias: parseLogitBias(o.logit_bias, vocabSize),
  };
}

const ROLES = ["system", "developer", "user", "assistant", "tool"] as const;

function parseMessage(value: unknown, at: string): ChatMessage {
  const m = object(value, at);
  const role = oneOf(required(m, "role", at), path(at, "role"), ROLES);
  if (m.name != null) string(m.name, path(at, "name"));
  const toolCalls: ChatMessage["toolCalls"] = [];
  if (role === "assistant" && m.tool_calls != null) {
    array(m.tool_calls, path(at, "tool_calls")).forEach((c, i) => {
      const cp = path(path(at, "tool_calls"), i);
      const call = object(c, cp);
      const id = string(required(call, "id", cp), path(cp, "id"));
      oneOf(required(call, "type", cp), path(cp, "type"), ["function"] as const);
      const fn = object(required(call, "function", cp), path(cp, "function"));
      const name = string(required(fn, "name", path(cp, "function")), path(cp, "function.name"));
      const args = string(required(fn, "arguments", path(cp, "function")), path(cp, "function.arguments"));
      toolCalls.push({ id, name, arguments: args });
    });
  }
  if (role === "tool") string(required(m, "tool_call_id", at), path(at, "tool_call_id"));
  const contentOptional = role === "assistant" && (toolCalls.length > 0 || m.refusal != null);
  const content = contentOptional ? m.content : required(m, "content", at);
  return { role, text: content == null ? "" : contentText(content, path(at, "content"), role), toolCalls };
}

/** Message content: a string, or an array of text parts (other part types belong to later profiles). */
function contentText(content: unknown, at: string, role: string): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw wrongType(at, "a string or an array of content parts", content);
  return content
    .map((part, i) => {
      const pp = path(at, i);
      const p = object(part, pp);
      const type = string(required(p, "type", pp), path(pp, "type"));
      if (type !== "text") {
        const what = role === "user" ? "lis-tiny reads text only (content parts of type 'text')" : `${role} messages take text parts only`;
        throw invalidRequest(`Unsupported content part type '${type}' at '${path(pp, "type")}': ${what}.`, path(pp, "type"), "unsupported_content_type");
      }
      return string(required(p, "text", pp), path(pp, "text"));
    })
    .join("");
}

function parseTool(value: unknown, at: string): ToolDefinition {
  const t = object(value, at);
  oneOf(required(t, "type", at), path(at, "type"), ["function"] as const);
  const fp = path(at, "function");
  const fn = object(required(t, "function", at), fp);
  const name = string(required(fn, "name", fp), path(fp, "name"));
  if (!TOOL_NAME.test(name)) throw invalidRequest(`Invalid tool name '${name.slice(0, 80)}': use 1-64 letters, digits, '_' or '-'.`, path(fp, "name"));
  const description = optional<string | undefined>(fn, "description", fp, string, undefined);
  if (fn.strict != null) boolean(fn.strict, path(fp, "strict"));
  const parameters = fn.parameters ?? { type: "object", properties: {} };
  checkSchema(parameters, path(fp, "parameters"));
  return { name, description, parameters };
}

function checkSchema(schema: unknown, at: string): void {
  if (!isObject(schema)) throw wrongType(at, "a JSON Schema object", schema);
  const compiled = compileClientSchema(schema);
  if (typeof compiled === "string") throw invalidRequest(`Invalid JSON Schema at '${at}': ${compiled}`, at, "invalid_schema");
}

function parseToolChoice(value: unknown, tools: ToolDefinition[]): ChatRequest["toolChoice"] {
  if (value === undefined || value === null) return tools.length > 0 ? "auto" : "none";
  if (typeof value === "string") {
    const choice = oneOf(value, "tool_choice", ["none", "auto", "required"] as const);
    if (choice !== "none" && tools.length === 0) throw invalidRequest(`'tool_choice' is '${choice}' but no 'tools' were given.`, "tool_choice");
    return choice;
  }
  const c = object(value, "tool_choice");
  oneOf(required(c, "type", "tool_choice"), "tool_choice.type", ["function"] as const);
  const fn = object(required(c, "function", "tool_choice"), "tool_choice.function");
  const name = string(required(fn, "name", "tool_choice.function"), "tool_choice.function.name");
  if (!tools.some((t) => t.name === name)) throw invalidRequest(`'tool_choice' names the function '${name}', which is not among 'tools'.`, "tool_choice.function.name");
  return { name };
}

function parseStop(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return value === "" ? [] : [value];
  return array(value, "stop", 0, 4).map((s, i) => {
    const v = string(s, `stop[${i}]`);
    if (v === "") throw invalidRequest(`Invalid value for 'stop[${i}]': a stop sequence must not be empty.`, `stop[${i}]`);
    return v;
  });
}

function parseResponseFormat(value: unknown): ChatRequest["responseFormat"] {
  if (value === undefined || value === null) return { type: "text" };
  const rf = object(value, "response_format");
  const type = oneOf(required(rf, "type", "response_format"), "response_format.type", ["text", "json_object", "json_schema"] as const);
  if (type !== "json_schema") return { type };
  const js = object(required(rf, "json_schema", "response_format"), "response_format.json_schema");
  const name = string(required(js, "name", "response_format.json_schema"), "response_format.json_schema.name");
  if (!TOOL_NAME.test(name)) throw invalidRequest(`Invalid schema name '${name.slice(0, 80)}': use 1-64 letters, digits, '_' or '-'.`, "response_format.json_schema.name");
  if (js.strict != null) boolean(js.strict, "response_format.json_schema.strict");
  const schema = js.schema ?? {};
  checkSchema(schema, "response_format.json_schema.schema");
  return { type, name, schema };
}

function parseLogitBias(value: unknown, vocabSize: number): Map<number, number> {
  const bias = new Map<number, number>();
  if (value === undefined || value === null) return bias;
  for (const [key, v] of Object.entries(object(value, "logit_bias"))) {
    const id = Number(key);
    if (!/^\d+$/.test(key) || id >= vocabSize) {
      throw invalidRequest(`Invalid key '${key.slice(0, 40)}' in 'logit_bias': keys are token ids 0..${vocabSize - 1}.`, "logit_bias");
    }
    bias.set(id, number(v, `logit_bias.${key}`, -100, 100));
  }
  return bias;
}
