/**
 * Streams and completions, one from the other, after the informative algorithm of spec/1.1/streaming.md
 * ("Assembling a stream"): for an upstream that streams although the client did not ask (CHAT-028), and one
 * that answers with JSON although the client asked for a stream. Pure.
 */
import { choicesOf, isObj, type Chunk, type Obj } from "./rule.js";

/** Folds the chunks of a stream into one chat completion. */
export function assemble(chunks: readonly Chunk[]): Obj {
  const head = chunks.find((c) => choicesOf(c).length > 0) ?? chunks[0] ?? {};
  const choices = new Map<number, { message: Obj; calls: Obj[]; finish: unknown; logprobs: unknown[] | undefined; index: number }>();
  let usage: unknown;
  for (const c of chunks) {
    if (isObj(c.usage)) usage = c.usage;
    for (const ch of choicesOf(c)) {
      const index = Number.isInteger(ch.index) ? (ch.index as number) : 0;
      let acc = choices.get(index);
      if (!acc) choices.set(index, (acc = { index, message: { role: "assistant", content: null }, calls: [], finish: null, logprobs: undefined }));
      const d = isObj(ch.delta) ? ch.delta : {};
      for (const [k, v] of Object.entries(d)) {
        if (k === "role" || k === "tool_calls" || v === null || v === undefined) continue;
        acc.message[k] = typeof v === "string" && typeof acc.message[k] === "string" ? (acc.message[k] as string) + v : v;
      }
      for (const el of Array.isArray(d.tool_calls) ? d.tool_calls.filter(isObj) : []) {
        const i = Number.isInteger(el.index) ? (el.index as number) : acc.calls.length;
        const call = (acc.calls[i] ??= { id: el.id, type: "function", function: { name: undefined, arguments: "" } });
        const fn = isObj(el.function) ? el.function : {};
        if (el.id !== undefined && call.id === undefined) call.id = el.id;
        const target = call.function as Obj;
        if (typeof fn.name === "string" && target.name === undefined) target.name = fn.name;
        if (typeof fn.arguments === "string") target.arguments = (target.arguments as string) + fn.arguments;
      }
      if (isObj(ch.logprobs) && Array.isArray(ch.logprobs.content)) (acc.logprobs ??= []).push(...ch.logprobs.content);
      if (ch.finish_reason !== null && ch.finish_reason !== undefined) acc.finish = ch.finish_reason;
    }
  }
  const out: Obj = {
    id: head.id,
    object: "chat.completion",
    created: head.created,
    model: head.model,
    choices: [...choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((a) => ({
        index: a.index,
        message: a.calls.length > 0 ? { ...a.message, tool_calls: a.calls.filter(Boolean) } : a.message,
        logprobs: a.logprobs ? { content: a.logprobs } : null,
        finish_reason: a.finish,
      })),
  };
  if (usage !== undefined) out.usage = usage;
  return out;
}

/** A chat completion as the chunks of a stream: per choice one delta with everything, then its finish; usage last. */
export function disassemble(completion: Obj): Chunk[] {
  const head = { id: completion.id, object: "chat.completion.chunk", created: completion.created, model: completion.model };
  const chunks: Chunk[] = [];
  for (const ch of choicesOf(completion)) {
    const m = isObj(ch.message) ? ch.message : {};
    const delta: Obj = { ...m, role: "assistant" };
    if (Array.isArray(m.tool_calls)) delta.tool_calls = m.tool_calls.map((t, index) => (isObj(t) ? { index, ...t } : t));
    chunks.push({ ...head, choices: [{ index: ch.index, delta, logprobs: ch.logprobs ?? null, finish_reason: null }] });
    chunks.push({ ...head, choices: [{ index: ch.index, delta: {}, logprobs: null, finish_reason: ch.finish_reason ?? "stop" }] });
  }
  if (isObj(completion.usage)) chunks.push({ ...head, choices: [], usage: completion.usage });
  return chunks;
}
