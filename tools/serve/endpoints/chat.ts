import { randomBytes } from "node:crypto";
import { contextLengthExceeded, unsupportedValue } from "../http/errors.js";
import { SchemaProblem, type BuiltinModel, type Emitted, type TextOptions } from "../model/index.js";
import { fnv1a, freshSeed, seededRandom, type Random } from "../model/prng.js";
import type { Chunk } from "../hooks/engine.js";
import { CONTEXT_LENGTH, parseChatRequest, type ChatRequest, type ToolDefinition } from "../validate/chat.js";
import { servedModel } from "./models.js";
import { describeMedia, mediaTokens } from "../multimodal/parts.js";
import type { EndpointContext, Reply } from "./types.js";
import { REASONING_BUDGET, reason, type Reasoning } from "../model/reasoning.js";
import { followsErrata, implementsReasoning } from "../versions.js";
import { packageVersion } from "../../util/paths.js";

/** The configuration that produced an answer (CHAT-048): the built-in model of this release of the tool. */
export const SYSTEM_FINGERPRINT = `lis-tiny-${packageVersion}`;

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
  /** The argument tokens, for streaming them fragment by fragment. */
  fragments: string[];
}

/** One generated choice, before it is shaped into a response or a stream. */
interface ChoiceResult {
  content: string | null;
  /** Delta texts that concatenate to `content` (one per token). */
  pieces: string[];
  tokens: Emitted[];
  toolCalls: ToolCall[];
  finishReason: "stop" | "length" | "tool_calls";
  /** Reasoning and answer tokens together (REASON-005). */
  completionTokens: number;
  /** What the model reasoned before answering (only when the request has reasoning_effort). */
  reasoning?: Reasoning;
}

/** POST /v1/chat/completions */
export function createChatCompletion(ctx: EndpointContext): Reply {
  const req = parseChatRequest(ctx.body, ctx.model.vocab.size, {
    acceptUnknown: ctx.hooks.has("accept-unknown-parameters"),
    reasoning: implementsReasoning(ctx.spec),
    nullIsAbsent: followsErrata(ctx.spec),
    openAiMembers: followsErrata(ctx.spec),
  });
  const model = servedModel(ctx, req.model);
  const promptTokens = countPromptTokens(ctx.model, req);
  if (promptTokens >= CONTEXT_LENGTH) {
    throw contextLengthExceeded(`The prompt has ${promptTokens} tokens; lis-tiny's context holds ${CONTEXT_LENGTH} (prompt and completion). Shorten the messages.`, "messages");
  }
  // A limit beyond the context is capped there; the choice then ends with "length" (CHAT-039, CHAT-041).
  const limited = { ...req, maxTokens: Math.min(req.maxTokens, CONTEXT_LENGTH - promptTokens) };
  const seed = req.seed === undefined ? freshSeed() : String(req.seed);
  const prompt = promptKey(req);
  // Reasoning draws from its own seed stream, so the answer's tokens are those it would be without it.
  const choices = Array.from({ length: req.n }, (_, i) => generateChoice(ctx.model, limited, seededRandom(`${seed}:${i}:${prompt}`), () => seededRandom(`${seed}:${i}:${prompt}:reasoning`)));
  const completionTokens = choices.reduce((s, c) => s + c.completionTokens, 0);
  const usage: Record<string, unknown> = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  if (req.reasoningEffort) usage.completion_tokens_details = { reasoning_tokens: choices.reduce((s, c) => s + (c.reasoning?.tokens ?? 0), 0) };
  const head = { id: `chatcmpl-${randomBytes(12).toString("hex")}`, created: Math.floor(Date.now() / 1000), model: model.id, system_fingerprint: SYSTEM_FINGERPRINT };
  if (req.stream) return { kind: "stream", chunks: streamChunks(head, choices, req, usage) };
  return {
    kind: "json",
    status: 200,
    body: {
      ...head,
      object: "chat.completion",
      choices: choices.map((c, index) => ({
        index,
        message: {
          role: "assistant",
          content: c.content,
          ...(c.reasoning ? { reasoning_content: c.reasoning.text } : {}),
          ...(c.toolCalls.length > 0 ? { tool_calls: c.toolCalls.map((t) => ({ id: t.id, type: "function", function: { name: t.name, arguments: t.arguments } })) } : {}),
        },
        logprobs: req.logprobs ? { content: c.tokens.map(logprobEntry), refusal: null } : null,
        finish_reason: c.finishReason,
      })),
      usage,
    },
  };
}

/**
 * Prompt tokens, by a fixed template: per message one role token plus the tokens of its text and of its
 * tool calls (name and arguments), plus one token that opens the assistant's reply.
 */
export function countPromptTokens(model: BuiltinModel, req: ChatRequest): number {
  let n = 1;
  for (const m of req.messages) {
    n += 1 + model.countTokens(m.text);
    for (const part of m.media ?? []) n += mediaTokens(part);
    for (const c of m.toolCalls) n += model.countTokens(c.name) + model.countTokens(c.arguments);
  }
  return n;
}

/**
 * A hash of the rendered conversation, mixed into the sampling seed so that the output depends on the
 * whole prompt. `developer` renders as `system` (CHAT-004) and text parts as their joined text (CHAT-005).
 */
function promptKey(req: ChatRequest): string {
  const rendered = req.messages.map((m) => `${m.role === "developer" ? "system" : m.role}\u0000${m.text}\u0000${m.toolCalls.map((c) => `${c.name}(${c.arguments})`).join("")}`);
  return fnv1a(rendered.join("\u0001")).toString(16);
}

const samplingOf = (req: ChatRequest) => ({ temperature: req.temperature, topP: req.topP, logitBias: req.logitBias, presencePenalty: req.presencePenalty, frequencyPenalty: req.frequencyPenalty });

/**
 * One choice: with reasoning_effort, first the reasoning (its budget, within the token limit: REASON-006),
 * then the answer in what is left of the limit; a limit reached while reasoning ends the choice with
 * `length` and empty content.
 */
function generateChoice(model: BuiltinModel, req: ChatRequest, random: Random, reasoningRandom: () => Random): ChoiceResult {
  if (!req.reasoningEffort) return answer(model, req, random);
  const last = req.messages[req.messages.length - 1];
  const thought = reason(model, last.text, Math.min(REASONING_BUDGET[req.reasoningEffort], req.maxTokens), { sampling: samplingOf(req), random: reasoningRandom(), topLogprobs: 0 });
  if (thought.tokens >= req.maxTokens) return { content: "", pieces: [], tokens: [], toolCalls: [], finishReason: "length", completionTokens: thought.tokens, reasoning: thought };
  const rest = answer(model, { ...req, maxTokens: req.maxTokens - thought.tokens }, random);
  return { ...rest, completionTokens: rest.completionTokens + thought.tokens, reasoning: thought };
}

function answer(model: BuiltinModel, req: ChatRequest, random: Random): ChoiceResult {
  const options: TextOptions = { sampling: samplingOf(req), random, topLogprobs: req.logprobs ? req.topLogprobs : 0 };
  const tools = toolsToCall(req);
  if (tools.length > 0) return callTools(model, req, tools, options, random);
  // Media in the last message: the reference model states what it read (multimodal.md, informative).
  const media = req.messages[req.messages.length - 1].media;
  if (media && req.responseFormat.type === "text") {
    const done = model.run(model.forced(describeMedia(media), options.topLogprobs), req.maxTokens, req.stop);
    return { content: done.content, pieces: deltaPieces(done.tokens, done.content), tokens: done.tokens, toolCalls: [], finishReason: done.finishReason, completionTokens: done.completionTokens };
  }
  let tokens: Iterable<Emitted>;
  if (req.responseFormat.type === "text") {
    const last = req.messages[req.messages.length - 1];
    tokens = req.ignoreEos ? pastEndOfText(model, last.text, options) : model.text(last.text, options);
  } else {
    const schema = req.responseFormat.type === "json_schema" ? req.responseFormat.schema : undefined;
    tokens = generateJson(model, schema, options, "response_format.json_schema.schema");
  }
  const done = model.run(tokens, req.maxTokens, req.stop);
  return { content: done.content, pieces: deltaPieces(done.tokens, done.content), tokens: done.tokens, toolCalls: [], finishReason: done.finishReason, completionTokens: done.completionTokens };
}

/**
 * With ignore_eos: where an answer would end, the next sentence starts; the token limit ends it ("length").
 * A sentence that ends at once (sampling drew the end of text first) is followed by another: stopping there
 * gave a sampled answer fewer tokens than asked for, now and then. Only many empty sentences in a row (a
 * logit_bias that forces the end) stop it, which would otherwise loop for ever.
 */
function* pastEndOfText(model: BuiltinModel, prompt: string, options: TextOptions): Generator<Emitted> {
  for (let sentence = 0, emptyInARow = 0; emptyInARow < MAX_EMPTY_SENTENCES; sentence++) {
    let produced = false;
    for (const token of model.text(sentence === 0 ? prompt : "", options)) {
      produced = true;
      yield token;
    }
    emptyInARow = produced ? 0 : emptyInARow + 1;
  }
}
const MAX_EMPTY_SENTENCES = 64;

function generateJson(model: BuiltinModel, schema: unknown, options: TextOptions, param: string): Emitted[] {
  try {
    return model.json(schema, options);
  } catch (err) {
    if (err instanceof SchemaProblem) throw unsupportedValue(`${err.message} (at '${param}')`, param);
    throw err;
  }
}

/** Each token's share of the content (a stop sequence may cut the last token short). */
function deltaPieces(tokens: Emitted[], content: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const t of tokens) {
    pieces.push(content.slice(at, at + t.text.length));
    at += t.text.length;
  }
  return pieces;
}

/**
 * Which tools a choice calls. `required`: the tools the last user message mentions, else the first tool;
 * a named function: that one; `auto`: when the conversation ends with a user message, the tools it
 * mentions by name (case-insensitive, `_` and `-` also matching spaces), none if it mentions none — so
 * after tool results the model answers in text, and an agent loop ends. With `parallel_tool_calls:
 * false`, at most one.
 */
export function toolsToCall(req: ChatRequest): ToolDefinition[] {
  if (req.tools.length === 0 || req.toolChoice === "none") return [];
  if (typeof req.toolChoice === "object") {
    const name = req.toolChoice.name;
    return req.tools.filter((t) => t.name === name);
  }
  const lastUser = [...req.messages].reverse().find((m) => m.role === "user");
  if (req.toolChoice === "auto" && req.messages[req.messages.length - 1].role !== "user") return [];
  const said = ` ${(lastUser?.text ?? "").toLowerCase().replace(/[_-]/g, " ")} `;
  const mentioned = req.tools.filter((t) => said.includes(t.name.toLowerCase().replace(/[_-]/g, " ")));
  const calls = mentioned.length > 0 ? mentioned : req.toolChoice === "required" ? [req.tools[0]] : [];
  return req.parallelToolCalls ? calls : calls.slice(0, 1);
}

function callTools(model: BuiltinModel, req: ChatRequest, tools: ToolDefinition[], options: TextOptions, random: Random): ChoiceResult {
  let budget = req.maxTokens;
  let finishReason: ChoiceResult["finishReason"] = "tool_calls";
  const toolCalls: ToolCall[] = [];
  for (const tool of tools) {
    if (budget <= 0) break;
    const index = req.tools.indexOf(tool);
    const nameTokens = model.countTokens(tool.name);
    let args = generateJson(model, tool.parameters, options, `tools[${index}].function.${tool.strict ? "strict" : "parameters"}`);
    budget -= nameTokens;
    if (args.length > budget) {
      args = args.slice(0, Math.max(0, budget));
      finishReason = "length";
    }
    budget -= args.length;
    const fragments = args.map((t) => t.text);
    const id = `call_${Math.floor(random() * 2 ** 32).toString(16).padStart(8, "0")}${Math.floor(random() * 2 ** 32).toString(16).padStart(8, "0")}`;
    toolCalls.push({ id, name: tool.name, arguments: fragments.join(""), fragments });
    if (finishReason === "length") break;
  }
  return { content: null, pieces: [], tokens: [], toolCalls, finishReason, completionTokens: req.maxTokens - Math.max(budget, 0) };
}

function logprobEntry(t: Emitted) {
  return {
    token: t.text,
    logprob: t.logprob,
    bytes: [...Buffer.from(t.text, "utf8")],
    top_logprobs: (t.top ?? []).map((a) => ({ token: a.text, logprob: a.logprob, bytes: [...Buffer.from(a.text, "utf8")] })),
  };
}

interface Head {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
}

/**
 * The chunks of a streamed completion: per choice a first delta with the role, one delta per token (or
 * tool-call fragment), and exactly one final chunk with its finish_reason; choices interleaved; with
 * include_usage, `usage: null` on each of those and one last chunk with `choices: []` and the usage.
 */
function streamChunks(head: Head, choices: ChoiceResult[], req: ChatRequest, usage: object): Chunk[] {
  const base = { ...head, object: "chat.completion.chunk" };
  const chunk = (choice: Record<string, unknown>): Chunk => ({ ...base, choices: [choice], ...(req.includeUsage ? { usage: null } : {}) });
  const perChoice = choices.map((c, index) => {
    const out: Chunk[] = [];
    const delta = (d: Record<string, unknown>, lp: unknown = null) => chunk({ index, delta: d, logprobs: lp, finish_reason: null });
    // Reasoning first, in its own deltas after the role (REASON-007); then the answer as without it.
    if (c.reasoning) {
      out.push(delta({ role: "assistant", content: c.toolCalls.length > 0 ? null : "" }));
      for (const piece of c.reasoning.pieces) out.push(delta({ reasoning_content: piece }));
    }
    if (c.toolCalls.length > 0) {
      c.toolCalls.forEach((t, k) => {
        const opening = { index: k, id: t.id, type: "function", function: { name: t.name, arguments: "" } };
        out.push(delta(k === 0 && !c.reasoning ? { role: "assistant", content: null, tool_calls: [opening] } : { tool_calls: [opening] }));
        for (const f of t.fragments) out.push(delta({ tool_calls: [{ index: k, function: { arguments: f } }] }));
      });
    } else {
      if (!c.reasoning) out.push(delta({ role: "assistant", content: "" }));
      c.pieces.forEach((piece, k) => out.push(delta({ content: piece }, req.logprobs ? { content: [logprobEntry(c.tokens[k])], refusal: null } : null)));
    }
    out.push(chunk({ index, delta: {}, logprobs: null, finish_reason: c.finishReason }));
    return out;
  });
  const chunks: Chunk[] = [];
  for (let k = 0; perChoice.some((list) => k < list.length); k++) for (const list of perChoice) if (k < list.length) chunks.push(list[k]);
  if (req.includeUsage) chunks.push({ ...base, choices: [], usage });
  return chunks;
}
