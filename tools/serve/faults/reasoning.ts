/**
 * Faults of spec/1.1/reasoning.md (REASON-*) and CHAT-043: each breaks one clause the way a real server
 * does (vLLM, llama.cpp, DeepSeek, OpenRouter — see V11's notes in reasoning.md), on reasoning requests
 * only, so that the 1.0 behaviour the other cases judge stays as it is.
 */
import { unknownParameter } from "../http/errors.js";
import { pieces } from "../model/tokenizer.js";
import { REASONING_BUDGET, REASONING_EFFORTS } from "../model/reasoning.js";
import { isObj, mapMessages, onChoices, onSuccess, requestOn, type Json } from "../hooks/helpers.js";
import type { Chunk, FaultDefinition, ReplyContext } from "./types.js";

const reasons = (ctx: ReplyContext) => REASONING_EFFORTS.includes(ctx.request?.reasoning_effort as never);
const deltaOf = (c: Chunk): Json => (isObj(c.choices[0]?.delta) ? c.choices[0].delta : {});
const isReasoningChunk = (c: Chunk) => typeof deltaOf(c).reasoning_content === "string";
const isContentChunk = (c: Chunk) => typeof deltaOf(c).content === "string" && deltaOf(c).content !== "" && deltaOf(c).role === undefined;
/** A logprob entry for a token the server did not sample from a distribution it reports (fault output). */
const entry = (token: string) => ({ token, logprob: -1, bytes: [...Buffer.from(token, "utf8")], top_logprobs: [] });

/** Rewrites the usage of a non-streamed reasoning answer. */
const onReasoningUsage = (edit: (usage: Json) => Json) =>
  onSuccess("chat", (body, ctx) => (reasons(ctx) && isObj(body.usage) ? { ...body, usage: edit({ ...body.usage }) } : body));

/** Rewrites the usage chunk of a streamed reasoning answer. */
const onStreamUsage = (edit: (usage: Json) => Json) => (chunks: Chunk[], ctx: ReplyContext) =>
  reasons(ctx) ? chunks.map((c) => (c.choices.length === 0 && isObj(c.usage) ? { ...c, usage: edit({ ...c.usage }) } : c)) : chunks;

/**
 * Reorders the chunks of each choice of a stream (chunks carry one choice each, interleaved across
 * choices): `order` gets the choice's chunks and returns them reordered; positions stay the choice's.
 */
function perChoice(chunks: Chunk[], order: (mine: Chunk[]) => Chunk[]): Chunk[] {
  const out = [...chunks];
  const indices = new Set(chunks.filter((c) => c.choices.length === 1).map((c) => c.choices[0].index));
  for (const index of indices) {
    const at = chunks.flatMap((c, i) => (c.choices.length === 1 && c.choices[0].index === index ? [i] : []));
    order(at.map((i) => chunks[i])).forEach((c, k) => (out[at[k]] = c));
  }
  return out;
}

/** Inserts `extra(choiceChunk)` before the first content chunk of each choice (content deltas only). */
const beforeFirstContent = (chunks: Chunk[], make: (c: Chunk) => Chunk | undefined): Chunk[] => {
  const seen = new Set<unknown>();
  return chunks.flatMap((c) => {
    if (!isContentChunk(c) || seen.has(c.choices[0].index)) return [c];
    seen.add(c.choices[0].index);
    const extra = make(c);
    return extra ? [extra, c] : [c];
  });
};

const THINK_LEAK = "<think>\n\n</think>\n\n";
/**
 * A text answer without reasoning_effort: not JSON output (which must parse), not one with log-probabilities
 * (whose tokens spell the content), not a reasoning answer (REASON-003's).
 */
const isPlainText = (r: Json | undefined) => r !== undefined && r.reasoning_effort == null && r.response_format == null && r.logprobs !== true;

export const reasoningFaults: FaultDefinition[] = [
  {
    clause: "REASON-001",
    description: "a reasoning_effort outside low, medium, high is ignored (answered without reasoning) instead of rejected 400",
    transformRequest: requestOn("chat", (body) => (body.reasoning_effort != null && !REASONING_EFFORTS.includes(body.reasoning_effort) ? (({ reasoning_effort: _, ...rest }) => rest)(body) : body)),
  },
  {
    clause: "REASON-002",
    description: "the reasoning is returned in message.reasoning (OpenRouter's name) instead of message.reasoning_content",
    transformBody: onChoices((c) => {
      if (!isObj(c.message) || c.message.reasoning_content === undefined) return c;
      const { reasoning_content, ...message } = c.message;
      return { ...c, message: { ...message, reasoning: reasoning_content } };
    }),
  },
  {
    clause: "REASON-003",
    description: "content also carries the reasoning wrapped in <think>…</think> (llama.cpp's deepseek-legacy format), streamed or not",
    transformBody: onChoices((c) =>
      // Not into an empty answer (limit reached while reasoning): that one is REASON-006's.
      isObj(c.message) && typeof c.message.reasoning_content === "string" && typeof c.message.content === "string" && c.message.content !== ""
        ? { ...c, message: { ...c.message, content: `<think>${c.message.reasoning_content}</think>${c.message.content}` } }
        : c,
    ),
    transformChunks: (chunks, ctx) => {
      if (!reasons(ctx)) return chunks;
      const reasoning = new Map<unknown, string>();
      for (const c of chunks) if (isReasoningChunk(c)) reasoning.set(c.choices[0].index, (reasoning.get(c.choices[0].index) ?? "") + deltaOf(c).reasoning_content);
      return beforeFirstContent(chunks, (c) => ({ ...c, choices: [{ ...c.choices[0], delta: { content: `<think>${reasoning.get(c.choices[0].index) ?? ""}</think>` }, logprobs: null }] }));
    },
  },
  {
    clause: "REASON-004",
    description: "a reasoning answer's usage has no completion_tokens_details.reasoning_tokens (non-streamed)",
    transformBody: onReasoningUsage(({ completion_tokens_details: _, ...usage }) => usage),
  },
  {
    clause: "REASON-005",
    description: "reasoning tokens are counted beside completion_tokens, not in it: completion_tokens leaves them out, total_tokens keeps them (non-streamed)",
    transformBody: onReasoningUsage((usage) => {
      const reasoning = isObj(usage.completion_tokens_details) ? Number(usage.completion_tokens_details.reasoning_tokens) || 0 : 0;
      return { ...usage, completion_tokens: usage.completion_tokens - reasoning };
    }),
  },
  {
    clause: "REASON-006",
    description: "reasoning is not counted against max_tokens / max_completion_tokens: the answer gets the whole limit after it",
    transformRequest: requestOn("chat", (body) => {
      const budget = REASONING_BUDGET[body.reasoning_effort as keyof typeof REASONING_BUDGET];
      if (!REASONING_EFFORTS.includes(body.reasoning_effort)) return body;
      const out = { ...body };
      for (const key of ["max_tokens", "max_completion_tokens"]) if (Number.isInteger(out[key])) out[key] += budget;
      return out;
    }),
  },
  {
    clause: "REASON-007",
    description: "a stream sends each choice's reasoning pieces after its content pieces instead of before",
    transformChunks: (chunks, ctx) =>
      reasons(ctx)
        ? perChoice(chunks, (mine) => {
            const reasoning = mine.filter(isReasoningChunk);
            const content = mine.filter(isContentChunk);
            const rest = mine.filter((c) => !isReasoningChunk(c) && !isContentChunk(c));
            return [rest[0], ...content, ...reasoning, ...rest.slice(1)].filter((c) => c !== undefined);
          })
        : chunks,
  },
  {
    clause: "REASON-008",
    description: "the usage chunk of a streamed reasoning answer has no completion_tokens_details.reasoning_tokens",
    transformChunks: onStreamUsage(({ completion_tokens_details: _, ...usage }) => usage),
  },
  {
    clause: "REASON-009",
    description: "like DeepSeek's reasoner, a reasoning request whose history carries reasoning_content is rejected 400",
    transformRequest: requestOn("chat", (body) => {
      if (body.reasoning_effort == null || !Array.isArray(body.messages)) return body;
      const i = body.messages.findIndex((m: unknown) => isObj(m) && m.role === "assistant" && "reasoning_content" in m);
      if (i !== -1) throw unknownParameter(`messages[${i}].reasoning_content`);
      return body;
    }),
  },
  {
    clause: "REASON-010",
    description: "an earlier turn's reasoning_content is fed back to the model (prepended to that message's content), so it costs prompt tokens",
    transformRequest: requestOn("chat", (body) =>
      mapMessages(body, (m) =>
        m.role === "assistant" && typeof m.reasoning_content === "string" && (typeof m.content === "string" || m.content == null) ? { ...m, content: m.reasoning_content + (m.content ?? "") } : m,
      ),
    ),
  },
  {
    clause: "REASON-011",
    description: "logprobs.content also covers the reasoning tokens (before the answer's; in streams on the reasoning chunks)",
    transformBody: onChoices((c) =>
      isObj(c.message) && typeof c.message.reasoning_content === "string" && isObj(c.logprobs) && Array.isArray(c.logprobs.content)
        ? { ...c, logprobs: { ...c.logprobs, content: [...pieces(c.message.reasoning_content).map(entry), ...c.logprobs.content] } }
        : c,
    ),
    transformChunks: (chunks, ctx) =>
      ctx.request?.logprobs === true
        ? chunks.map((c) => (isReasoningChunk(c) ? { ...c, choices: [{ ...c.choices[0], logprobs: { content: pieces(String(deltaOf(c).reasoning_content)).map(entry), refusal: null } }] } : c))
        : chunks,
  },
  {
    clause: "REASON-012",
    description: "model metadata (lis.profiles) does not list reasoning although the model reasons",
    transformBody: onSuccess(["models", "model"], (body) => {
      const fix = (m: unknown) => (isObj(m) && isObj(m.lis) && Array.isArray(m.lis.profiles) ? { ...m, lis: { ...m.lis, profiles: m.lis.profiles.filter((p: unknown) => p !== "reasoning") } } : m);
      return Array.isArray(body.data) ? { ...body, data: body.data.map(fix) } : fix(body);
    }),
  },
  {
    clause: "CHAT-043",
    description: "text answers (no reasoning_effort, JSON output or logprobs) start with an empty <think></think> block, as a Qwen3 template behind a server without a reasoning parser",
    transformBody: (body, ctx) => (isPlainText(ctx.request) ? onChoices((c) => (isObj(c.message) && typeof c.message.content === "string" ? { ...c, message: { ...c.message, content: THINK_LEAK + c.message.content } } : c))(body, ctx) : body),
    transformChunks: (chunks, ctx) => {
      if (!isPlainText(ctx.request)) return chunks;
      // Right after each choice's role delta, as the template's first tokens.
      return chunks.flatMap((c) => (c.choices.length === 1 && deltaOf(c).role === "assistant" && typeof deltaOf(c).content === "string" ? [c, { ...c, choices: [{ ...c.choices[0], delta: { content: THINK_LEAK } }] }] : [c]));
    },
  },
];
