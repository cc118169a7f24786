/** Small building blocks for hook definitions (faults and variants): where a hook applies and how it rewrites a body. */
import type { Chunk, Endpoint, ReplyContext } from "./engine.js";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A body hook that rewrites only successful (2xx) JSON bodies of the given endpoints. */
export const onSuccess =
  (endpoints: Endpoint | Endpoint[], edit: (body: Json, ctx: ReplyContext) => unknown) =>
  (body: unknown, ctx: ReplyContext): unknown => {
    const list = Array.isArray(endpoints) ? endpoints : [endpoints];
    return list.includes(ctx.endpoint) && ctx.status < 300 && isObj(body) ? edit(body, ctx) : body;
  };

/** A body hook that rewrites only error envelopes (status ≥ 400), optionally of one status. */
export const onError =
  (edit: (error: Json, ctx: ReplyContext) => Json, status?: number) =>
  (body: unknown, ctx: ReplyContext): unknown =>
    ctx.status >= 400 && (status === undefined || ctx.status === status) && isObj(body) && isObj(body.error) ? { ...body, error: edit({ ...body.error }, ctx) } : body;

/** Rewrites each choice of a non-streamed chat completion. */
export const onChoices = (edit: (choice: Json, ctx: ReplyContext, index: number) => Json) =>
  onSuccess("chat", (body, ctx) => (Array.isArray(body.choices) ? { ...body, choices: body.choices.map((c: Json, i: number) => edit({ ...c }, ctx, i)) } : body));

/** A chat request body with each message object replaced by `edit`'s result (other entries kept as sent). */
export const mapMessages = (body: Json, edit: (m: Json, i: number) => Json): Json =>
  Array.isArray(body.messages) ? { ...body, messages: body.messages.map((m: unknown, i: number) => (isObj(m) ? edit(m, i) : m)) } : body;

/** A request hook that applies only to one endpoint. */
export const requestOn =
  (endpoint: Endpoint, edit: (body: Json, ctx: ReplyContext) => Json) =>
  (body: Record<string, unknown>, ctx: ReplyContext): Record<string, unknown> =>
    ctx.endpoint === endpoint ? edit(body as Json, ctx) : body;

/** A chunk hook that applies only to chat streams. */
export const onChunks = (edit: (chunks: Chunk[], ctx: ReplyContext) => Chunk[]) => (chunks: Chunk[], ctx: ReplyContext) => edit(chunks, ctx);

/** The index of the last chunk that carries choice `index` with a non-null finish_reason. */
export const finishingChunk = (chunks: Chunk[], index = 0) =>
  chunks.findIndex((c) => c.choices.some((ch) => ch.index === index && ch.finish_reason != null));

/** The chunks that carry content or tool calls (not the role-only first one, not the finishing one). */
export const isContentChunk = (c: Chunk) => c.choices.some((ch) => isObj(ch.delta) && typeof ch.delta.content === "string" && ch.delta.content !== "" && ch.delta.role === undefined);

export const header = (ctx: ReplyContext, name: string): string | undefined => {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : v;
};

export const lastUserText = (body: Json): string => {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return messages.map((m: Json) => (typeof m?.content === "string" ? m.content : "")).join(" ");
};

/** The chunks of a stream, one list per choice index (each chunk narrowed to that choice), and the chunks without choices (the usage chunk). */
export function chunksByChoice(chunks: Chunk[]): { choices: Map<number, Chunk[]>; rest: Chunk[] } {
  const choices = new Map<number, Chunk[]>();
  const rest: Chunk[] = [];
  for (const c of chunks) {
    if (c.choices.length === 0) rest.push(c);
    for (const ch of c.choices) {
      const index = ch.index as number;
      choices.set(index, [...(choices.get(index) ?? []), { ...c, choices: [ch] }]);
    }
  }
  return { choices, rest };
}

/** The inverse of chunksByChoice: the choices' chunks interleaved (k-th of each in turn), then the rest. */
export function interleaveChoices(choices: Map<number, Chunk[]>, rest: Chunk[]): Chunk[] {
  const lists = [...choices.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
  const out: Chunk[] = [];
  for (let k = 0; lists.some((l) => k < l.length); k++) for (const l of lists) if (k < l.length) out.push(l[k]);
  return [...out, ...rest];
}

/** Rewrites each choice's list of chunks of a chat stream, keeping the interleaving and the usage chunk last. */
export const perChoice = (edit: (chunks: Chunk[], index: number, ctx: ReplyContext) => Chunk[]) => (chunks: Chunk[], ctx: ReplyContext): Chunk[] => {
  const { choices, rest } = chunksByChoice(chunks);
  for (const [index, list] of choices) choices.set(index, edit(list, index, ctx));
  return interleaveChoices(choices, rest);
};

/** The one choice of a chunk narrowed by chunksByChoice, and its delta. */
export const choiceOf = (c: Chunk): Json => c.choices[0] as Json;
export const withChoice = (c: Chunk, edit: (choice: Json) => Json): Chunk => ({ ...c, choices: c.choices.map((ch) => edit({ ...ch })) });
