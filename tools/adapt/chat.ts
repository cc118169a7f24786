/**
 * POST /chat/completions through the proxy: the request is validated by the LIS rules (the reference
 * server's own validator, tools/serve/validate/chat.ts) and answered by the proxy when it is invalid;
 * a valid one is rewritten by the dialect, sent upstream (n times for a fan-out of n), and the answer is
 * repaired by the dialect before it reaches the client.
 */
import { isEventStream } from "../http/client.js";
import { modelNotFound, unsupportedValue } from "../serve/http/errors.js";
import { MEDIA_PART_TYPES } from "../serve/multimodal/parts.js";
import { parseChatRequest } from "../serve/validate/chat.js";
import { followsErrata, type ServedSpec } from "../serve/versions.js";
import { assemble, disassemble } from "./assemble.js";
import { ApiError, badGateway } from "./errors.js";
import type { Adapter, Reply } from "./adapter.js";
import { parseSse } from "../util/sse.js";
import { addUsage, frames, fromChunks, repaired, sseBatches, type Substream } from "./stream.js";
import { choicesOf, isObj, type ChatExchange, type Chunk, type Obj } from "./rule.js";
import { fromResponse, upstreamError } from "./upstream-error.js";
import { transportFailure } from "./upstream.js";

export async function chatCompletion(a: Adapter, body: Obj, forward: Record<string, string>): Promise<Reply> {
  // Members the upstream honours besides the LIS ones are relayed untouched (vendor extensions, ERR-015).
  const vendor = a.engine.honours("chat");
  const lisBody: Obj = {};
  for (const k in body) if (!vendor.has(k)) lisBody[k] = body[k];
  if (!a.profiles.includes("multimodal")) refuseMedia(lisBody);
  // The model list is read first for the vocabulary size (logit_bias keys); a request without a model
  // string is invalid whatever the list says.
  let found = typeof body.model === "string" && body.model !== "" ? a.models.lookup(body.model, "chat") : undefined;
  if (found instanceof Promise) found = await found;
  const vocab = found && !(found instanceof ApiError) ? vocabularyOf(found.listing.list.data.find((m) => m.id === body.model)) : undefined;
  // From LIS 1.1 on, `null` is absent for any member (ERR-022) and OpenAI's `metadata` and `store` are
  // members (CHAT-046, CHAT-047), as in the reference server of the version the proxy serves.
  const errata = followsErrata(a.lisVersions[a.lisVersions.length - 1] as ServedSpec);
  const request = parseChatRequest(lisBody, vocab ?? Number.MAX_SAFE_INTEGER, { reasoning: true, nullIsAbsent: errata, openAiMembers: errata });
  if (found instanceof ApiError) throw found;
  if (!found?.listed) throw modelNotFound(request.model);
  if (!found.serves) throw new ApiError(400, `The model '${request.model.slice(0, 200)}' does not serve chat completions.`, "invalid_request_error", "model", "model_not_supported");

  const x: ChatExchange = { request, listed: found.listing.ids, now: () => Math.floor(Date.now() / 1000), upstream: a.chat.probe };
  // The body was parsed for this request alone: the dialect rewrites it in place into the upstream's.
  const upstreamBody = body;
  if (errata) {
    // What the upstream need not see: absent members, and the two that ask for nothing it does (the
    // validation above refused `store: true`, which this proxy does not keep).
    for (const [k, v] of Object.entries(upstreamBody)) if (v === null && !vendor.has(k)) delete upstreamBody[k];
    delete upstreamBody.metadata;
    delete upstreamBody.store;
  }
  const rewriting = a.engine.chatRequest(upstreamBody, x);
  if (rewriting) await rewriting;
  const n = x.fanOut ?? 1;
  // Choice i of a fan-out is a request of its own; with a seed, seed + i keeps the whole answer reproducible.
  const parts =
    n === 1
      ? [{ body: upstreamBody, x }]
      : Array.from({ length: n }, (_, i) => ({
          body: typeof upstreamBody.seed === "number" ? { ...upstreamBody, seed: upstreamBody.seed + i } : upstreamBody,
          x: { ...x, request: { ...x.request, n: 1, includeUsage: true } } as ChatExchange,
        }));
  return request.stream ? stream(a, parts, x, forward) : complete(a, parts, x, forward);
}

async function complete(a: Adapter, parts: { body: Obj; x: ChatExchange }[], x: ChatExchange, forward: Record<string, string>): Promise<Reply> {
  if (parts.length === 1) return { kind: "json", status: 200, body: await completeOne(a, parts[0].body, parts[0].x, forward) };
  const answers = await Promise.all(parts.map(({ body, x: px }) => completeOne(a, body, px, forward)));
  return { kind: "json", status: 200, body: join(answers, x) };
}

/** One upstream answer, repaired. */
async function completeOne(a: Adapter, body: Obj, px: ChatExchange, forward: Record<string, string>): Promise<Obj> {
  const outcome = await a.chat.send("POST", "chat/completions", body, forward);
  if (outcome.error) throw transportFailure(outcome.error);
  const r = outcome.response;
  if (r.status < 200 || r.status > 299) throw fromResponse(a.engine, a.redact, r);
  let completion: unknown = r.json ?? (r.events ? undefined : a.engine.parse(r.bodyText));
  // An upstream that streams although no stream was asked for (CHAT-028), whatever its Content-Type
  // says (STREAM-001): the stream is assembled.
  const events = r.events ?? (completion === undefined && looksLikeSse(r.bodyText) ? parseSse(r.bodyText).events : undefined);
  if (events) completion = assemble(events.filter((e) => e.data !== "[DONE]").map((e) => a.engine.parse(e.data)).filter(isObj) as Chunk[]);
  if (!isObj(completion)) throw badGateway(`the model server's answer is not a JSON object${r.jsonError ? ` (${r.jsonError})` : ""}`);
  if (isObj(completion.error) || typeof completion.error === "string") throw upstreamError(a.engine, a.redact, 502, completion);
  a.engine.completion(completion, px);
  return completion;
}

/** n one-choice completions as one completion of n choices. */
function join(answers: Obj[], x: ChatExchange): Obj {
  const usage = { prompt_tokens: 0, completion_tokens: 0, reasoning_tokens: 0, any: false };
  for (const a of answers) if (isObj(a.usage)) addUsage(usage, a.usage);
  const seen = new Set<unknown>();
  const choices = answers.map((a, index) => {
    const choice: Obj = { ...(choicesOf(a)[0] ?? {}), index };
    // Tool-call ids are unique within the response (TOOL-010), also across the joined answers.
    const calls = isObj(choice.message) && Array.isArray(choice.message.tool_calls) ? choice.message.tool_calls.filter(isObj) : [];
    for (const c of calls) {
      if (seen.has(c.id)) c.id = `${String(c.id)}_${index}`;
      seen.add(c.id);
    }
    return choice;
  });
  const out: Obj = { ...answers[0], choices };
  if (usage.any) {
    out.usage = { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    if (x.request.reasoningEffort && usage.reasoning_tokens > 0) (out.usage as Obj).completion_tokens_details = { reasoning_tokens: usage.reasoning_tokens };
  }
  return out;
}

async function stream(a: Adapter, parts: { body: Obj; x: ChatExchange }[], x: ChatExchange, forward: Record<string, string>): Promise<Reply> {
  const abort = new AbortController();
  const opened = await Promise.all(parts.map(({ body }) => a.chat.open("POST", "chat/completions", body, forward, abort.signal)));
  const close = () => {
    abort.abort();
    for (const o of opened) o.response?.close();
  };
  try {
    const subs: Substream[] = [];
    for (const [i, o] of opened.entries()) {
      if (o.error) throw transportFailure(o.error);
      const r = o.response;
      const errorOf = (b: unknown) => upstreamError(a.engine, a.redact, 502, b);
      const pipeline = a.engine.stream(parts[i].x);
      const pieces = r.body[Symbol.asyncIterator]();
      const first = await pieces.next();
      const head = first.done ? undefined : first.value;
      // A stream is a stream by its content, also when mislabelled (STREAM-001's fault: application/json).
      if (r.status >= 200 && r.status <= 299 && (isEventStream(r.headers["content-type"]) || looksLikeSse(head?.toString("utf8") ?? ""))) {
        subs.push({ events: sseBatches(r, pieces, head), response: r, pipeline, errorOf, parse: (t) => a.engine.parse(t) });
        continue;
      }
      // An error, or a JSON answer to a stream request: read whole (within the cap), then judged.
      const text = await readAll(pieces, head);
      const json = a.engine.parse(text);
      if (r.status < 200 || r.status > 299) throw upstreamError(a.engine, a.redact, r.status, json, json === undefined ? text.slice(0, 4000) : undefined);
      if (!isObj(json)) throw badGateway("the model server answered a stream request with something that is neither a stream nor JSON");
      if (isObj(json.error)) throw errorOf(json);
      subs.push({ events: fromChunks(disassemble(json)), pipeline, errorOf });
    }
    // The status line waits for the first chunk of each stream: an upstream that opens a stream and then
    // sends an error event gets its error an HTTP status, as STREAM-017 requires.
    const gens = subs.map((s) => repaired(s));
    const firsts = await Promise.all(gens.map((g) => g.next()));
    return { kind: "events", frames: frames(gens, firsts, x, close), cancel: close };
  } catch (err) {
    close();
    throw err;
  }
}

/** Whether a body's beginning is event-stream framing (a data, event or comment line). */
const looksLikeSse = (text: string) => /^\s*(data|event|id|retry)?:/.test(text);

async function readAll(rest: AsyncIterator<Buffer>, head: Buffer | undefined): Promise<string> {
  const pieces: Buffer[] = head ? [head] : [];
  for (let next = await rest.next(); !next.done; next = await rest.next()) pieces.push(next.value);
  return Buffer.concat(pieces).toString("utf8");
}


/** Image and audio parts, when the proxy does not declare the multimodal profile: refused by name (CHAT-006). */
function refuseMedia(body: Obj): void {
  if (!Array.isArray(body.messages)) return;
  body.messages.forEach((m, i) => {
    if (!isObj(m) || !Array.isArray(m.content)) return;
    m.content.forEach((p, j) => {
      if (isObj(p) && typeof p.type === "string" && MEDIA_PART_TYPES.has(p.type)) {
        throw unsupportedValue(`Unsupported content part type '${p.type}' at 'messages[${i}].content[${j}].type': the model server behind this endpoint takes text parts only.`, `messages[${i}].content[${j}].type`);
      }
    });
  });
}

/** The vocabulary size a model entry states (llama.cpp's meta.n_vocab), for checking logit_bias keys. */
function vocabularyOf(entry: Obj | undefined): number | undefined {
  const meta = entry && isObj(entry.meta) ? entry.meta : undefined;
  return meta && Number.isInteger(meta.n_vocab) ? (meta.n_vocab as number) : undefined;
}
