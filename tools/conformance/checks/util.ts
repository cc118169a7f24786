/** Helpers shared by check functions: reading chat completions and streams the same way everywhere. */
import { queryAll } from "../jsonpath.js";
import type { CheckContext } from "./types.js";

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The chunks of a stream (JSON objects only), or undefined when the step was not a stream. */
export function chunksOf(ctx: CheckContext): Json[] | undefined {
  if (!ctx.response.events) return undefined;
  return (Array.isArray(ctx.document) ? ctx.document : []).filter(isObject);
}

export interface StreamedToolCall {
  index: number;
  id?: string;
  type?: string;
  name?: string;
  arguments: string;
}

export interface AssembledChoice {
  index: number;
  content: string | null;
  finishReasons: unknown[];
  toolCalls: StreamedToolCall[];
  chunkCount: number;
  /** Position (in the chunk list) of the last chunk carrying the choice. */
  lastChunk: number;
  /** Position of the first chunk whose finish_reason is not null. */
  firstFinishChunk: number;
}

/** Folds stream chunks into choices as a client does: contents and tool-call argument fragments concatenated, names and ids taken from the first element. */
export function assembleStream(chunks: Json[]): Map<number, AssembledChoice> {
  const choices = new Map<number, AssembledChoice>();
  chunks.forEach((chunk, position) => {
    for (const c of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!isObject(c) || typeof c.index !== "number") continue;
      let a = choices.get(c.index);
      if (!a) {
        a = { index: c.index, content: null, finishReasons: [], toolCalls: [], chunkCount: 0, lastChunk: position, firstFinishChunk: -1 };
        choices.set(c.index, a);
      }
      a.chunkCount++;
      a.lastChunk = position;
      if (c.finish_reason !== null && c.finish_reason !== undefined) {
        a.finishReasons.push(c.finish_reason);
        if (a.firstFinishChunk === -1) a.firstFinishChunk = position;
      }
      const delta = isObject(c.delta) ? c.delta : {};
      if (typeof delta.content === "string") a.content = (a.content ?? "") + delta.content;
      for (const tc of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
        if (!isObject(tc)) continue;
        const idx = typeof tc.index === "number" ? tc.index : a.toolCalls.length;
        let call = a.toolCalls.find((t) => t.index === idx);
        if (!call) {
          call = { index: idx, arguments: "" };
          a.toolCalls.push(call);
        }
        if (typeof tc.id === "string") call.id ??= tc.id;
        if (typeof tc.type === "string") call.type ??= tc.type;
        const fn = isObject(tc.function) ? tc.function : {};
        // TOOL-019: the name comes whole in the first element; a repeated one is that clause's to report.
        if (typeof fn.name === "string") call.name ??= fn.name;
        if (typeof fn.arguments === "string") call.arguments += fn.arguments;
      }
    }
  });
  return choices;
}

export interface ChoiceView {
  index: number;
  content: unknown;
  finishReason: unknown;
  toolCalls: { id?: unknown; name?: unknown; arguments?: unknown }[];
}

/** The choices of a response, streamed or not, in one shape. */
export function choicesOf(ctx: CheckContext): ChoiceView[] {
  const chunks = chunksOf(ctx);
  if (chunks) {
    return [...assembleStream(chunks).values()].sort((a, b) => a.index - b.index).map((a) => ({
      index: a.index,
      content: a.content,
      finishReason: a.finishReasons[a.finishReasons.length - 1] ?? null,
      toolCalls: a.toolCalls.map((t) => ({ id: t.id, name: t.name, arguments: t.arguments })),
    }));
  }
  const doc = isObject(ctx.document) ? ctx.document : {};
  return (Array.isArray(doc.choices) ? doc.choices : []).filter(isObject).map((c, i) => {
    const message = isObject(c.message) ? c.message : {};
    return {
      index: typeof c.index === "number" ? c.index : i,
      content: message.content,
      finishReason: c.finish_reason,
      toolCalls: (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter(isObject).map((t) => {
        const fn = isObject(t.function) ? t.function : {};
        return { id: t.id, name: fn.name, arguments: fn.arguments };
      }),
    };
  });
}

/** The usage object of a response: the body's, or the last non-null `usage` of a stream. */
export function usageOf(ctx: CheckContext): unknown {
  const chunks = chunksOf(ctx);
  if (chunks) {
    const withUsage = chunks.filter((c) => c.usage !== undefined && c.usage !== null);
    return withUsage.length > 0 ? withUsage[withUsage.length - 1].usage : undefined;
  }
  return isObject(ctx.document) ? ctx.document.usage : undefined;
}

/** The request body as sent (JSON), or {}. */
export const requestBody = (ctx: CheckContext): Json => (isObject(ctx.request.body) ? ctx.request.body : {});

export const values = (doc: unknown, path: string) => queryAll(doc, path);
