/**
 * Relaying a chat completion stream: upstream events are read as they arrive (never the whole stream),
 * each goes through the dialect's pipeline, and the repaired chunks are written out. The frames are
 * produced only as fast as the client takes them, so a slow client slows the upstream read (back-pressure).
 * An upstream failure after the stream has started ends it with one error event and no `[DONE]`
 * (STREAM-018); a stream that ends before every choice finished is such a failure too.
 */
import type { OpenResponse } from "../http/client.js";
import { SseParser, type SseEvent } from "../util/sse.js";
import { ApiError, badGateway } from "./errors.js";
import type { ChunkPipeline } from "./engine.js";
import { choicesOf, isObj, type ChatExchange, type Chunk, type Obj } from "./rule.js";
import { transportFailure } from "./upstream.js";

export const DONE_FRAME = "data: [DONE]\n\n";
export const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/**
 * The events of an upstream stream as they arrive, a batch per piece the network delivers: what arrived
 * together is repaired and written together (one write instead of one per event).
 */
export async function* sseBatches(response: OpenResponse, pieces: AsyncIterator<Buffer>, head?: Buffer): AsyncGenerator<SseEvent[]> {
  const parser = new SseParser();
  const text = new TextDecoder("utf-8");
  // The first piece was read already, to tell a stream from JSON by its content.
  for (let piece = head; piece !== undefined; ) {
    const events = parser.push(text.decode(piece, { stream: true }));
    if (events.length > 0) yield events;
    const next = await pieces.next();
    piece = next.done ? undefined : next.value;
  }
  const last = parser.push(text.decode());
  // An event not closed by a blank line, at the end of a complete body, is still the upstream's last word
  // (a server that forgot the blank line); in a body cut short it is a fragment.
  const rest = parser.end();
  if (rest.startsWith("data:") && !response.failure()) last.push({ event: "message", data: rest.replace(/^data: ?/, ""), index: -1 });
  if (last.length > 0) yield last;
}

/** Turns an upstream error event's data into the client's LIS error. */
export type ErrorOf = (body: unknown) => ApiError;

export interface Substream {
  events: AsyncIterator<SseEvent[]>;
  /** Reads event data (JSON, or what the dialect can read of it). */
  parse?: (text: string) => unknown;
  response?: OpenResponse;
  /** Chunks that came some other way (an upstream that answered a stream request with JSON). */
  pipeline: ChunkPipeline;
  errorOf: ErrorOf;
}

/**
 * One upstream stream, repaired: yields the pipeline's chunks, a batch per batch of events; throws an
 * ApiError when the stream fails (an error event, an event that is not JSON, a transport failure, an end
 * before every choice finished).
 */
export async function* repaired(sub: Substream): AsyncGenerator<Chunk[]> {
  const seen = new Set<unknown>();
  const finished = new Set<unknown>();
  let done = false;
  while (!done) {
    const next = await sub.events.next();
    if (next.done) break;
    const out: Chunk[] = [];
    for (const event of next.value) {
      if (event.data === "[DONE]") {
        done = true;
        break;
      }
      const chunk: unknown = sub.parse ? sub.parse(event.data) : parseOrUndefined(event.data);
      if (chunk === undefined) throw badGateway(`the model server sent a stream event that is not JSON: ${event.data.slice(0, 80)}`);
      if (!isObj(chunk)) throw badGateway("the model server sent a stream event that is not a JSON object");
      if (isObj(chunk.error) || typeof chunk.error === "string") throw sub.errorOf(chunk);
      for (const ch of choicesOf(chunk)) {
        seen.add(ch.index);
        if (ch.finish_reason !== null && ch.finish_reason !== undefined) finished.add(ch.index);
      }
      out.push(...sub.pipeline.push(chunk as Chunk));
    }
    if (out.length > 0) yield out;
  }
  const failure = sub.response?.failure();
  if (failure && !done) throw transportFailure(failure);
  // Without [DONE], the stream is complete only if every choice it started has finished (STREAM-003's fault).
  if (!done && (seen.size === 0 || [...seen].some((i) => !finished.has(i)))) throw badGateway("the model server's stream ended before the answer was complete");
  const rest = sub.pipeline.end();
  if (rest.length > 0) yield rest;
}

/** Chunks that were already complete (a JSON answer turned into a stream), as one batch of events. */
export async function* fromChunks(chunks: Chunk[]): AsyncGenerator<SseEvent[]> {
  yield [...chunks.map((c, i) => ({ event: "message", data: JSON.stringify(c), index: i + 1 })), { event: "message", data: "[DONE]", index: chunks.length + 1 }];
}

/**
 * The frames the client gets, from the repaired substreams (their first batches given). One substream is relayed as it is; several (fan-out of n) are merged as
 * their chunks arrive: choice i is substream i, every chunk gets the first chunk's id, created and model,
 * and the substreams' usage is summed into one usage chunk (when asked for). Any failure ends the whole
 * stream with one error event.
 */
export async function* frames(subs: AsyncGenerator<Chunk[]>[], firsts: IteratorResult<Chunk[]>[], x: ChatExchange, close: () => void): AsyncGenerator<string> {
  const fanOut = subs.length > 1;
  let head: Obj | undefined;
  const usage = { prompt_tokens: 0, completion_tokens: 0, reasoning_tokens: 0, any: false };
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<Chunk[]> }>>();
  const pull = (i: number, ready?: IteratorResult<Chunk[]>) => {
    const next = ready ? Promise.resolve({ i, r: ready }) : subs[i].next().then((r) => ({ i, r }));
    // A substream may fail after the stream has ended for another reason (the client left): handled, not fatal.
    next.catch(() => undefined);
    pending.set(i, next);
  };
  // Each substream's first batch was read already (for the status line).
  subs.forEach((_, i) => pull(i, firsts[i]));
  try {
    while (pending.size > 0) {
      const { i, r } = await (pending.size === 1 ? pending.values().next().value! : Promise.race(pending.values()));
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      let text = "";
      for (let chunk of r.value) {
        if (fanOut) {
          if (choicesOf(chunk).length === 0 && isObj(chunk.usage)) {
            addUsage(usage, chunk.usage);
            continue;
          }
          head ??= { id: chunk.id, object: chunk.object, created: chunk.created, model: chunk.model };
          chunk = { ...chunk, ...head, choices: choicesOf(chunk).map((ch) => ({ ...ch, index: i })) };
        }
        text += frame(chunk);
      }
      if (text !== "") yield text;
    }
    if (fanOut && x.request.includeUsage && usage.any) {
      const u: Obj = { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.prompt_tokens + usage.completion_tokens };
      if (usage.reasoning_tokens > 0) u.completion_tokens_details = { reasoning_tokens: usage.reasoning_tokens };
      yield frame({ ...head, choices: [], usage: u });
    }
    yield DONE_FRAME;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    yield frame(err.body());
  } finally {
    close();
    await Promise.all(subs.map((s) => s.return(undefined).catch(() => undefined)));
  }
}

/**
 * The usage of n one-choice answers as one answer's: the prompt once (it is the same prompt), completions
 * summed, as an upstream that generates n choices itself counts them.
 */
export function addUsage(acc: { prompt_tokens: number; completion_tokens: number; reasoning_tokens: number; any: boolean }, u: Obj): void {
  if (Number.isInteger(u.prompt_tokens)) acc.prompt_tokens = Math.max(acc.prompt_tokens, u.prompt_tokens as number);
  if (Number.isInteger(u.completion_tokens)) acc.completion_tokens += u.completion_tokens as number;
  const details = isObj(u.completion_tokens_details) ? u.completion_tokens_details : {};
  if (Number.isInteger(details.reasoning_tokens)) acc.reasoning_tokens += details.reasoning_tokens as number;
  acc.any = true;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
