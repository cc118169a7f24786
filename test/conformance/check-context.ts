import type { CheckContext } from "../../tools/conformance/checks/types.js";
import type { Exchange, ReceivedResponse } from "../../tools/conformance/model.js";
import { documentOf } from "../../tools/conformance/judge.js";

/** A response as the HTTP edge would hand it over: `json` for a body, `chunks` (+ terminator) for a stream. */
export function response(opts: { json?: unknown; chunks?: unknown[]; raw?: string; headers?: Record<string, string>; status?: number; bodyText?: string; receivedAtMs?: number }): ReceivedResponse {
  const base = { status: opts.status ?? 200, headers: opts.headers ?? {}, durationMs: 1, receivedAtMs: opts.receivedAtMs ?? Date.now() };
  if (opts.chunks) {
    const datas = [...opts.chunks.map((c) => JSON.stringify(c)), "[DONE]"];
    return { ...base, bodyText: opts.raw ?? datas.map((d) => `data: ${d}\n\n`).join(""), events: datas.map((d) => ({ data: d, event: "message", json: d === "[DONE]" ? undefined : JSON.parse(d), atMs: 1 })), unterminated: "" };
  }
  return { ...base, bodyText: opts.bodyText ?? JSON.stringify(opts.json), json: opts.json };
}

export function ctx(res: ReceivedResponse, requestBody: unknown = {}, steps: Record<string, Exchange> = {}, apiKey?: string): CheckContext {
  return {
    request: { method: "POST", url: "http://x/v1/chat/completions", headers: {}, body: requestBody, bodyText: JSON.stringify(requestBody) },
    response: res,
    document: documentOf(res),
    steps,
    variables: { model: "m" },
    getValidator: () => () => ({ valid: true, errors: [] }),
    apiKey,
  };
}

export const exchange = (res: ReceivedResponse, body: unknown = {}): Exchange => ({ step: "s", request: { method: "POST", url: "http://x", headers: {}, body }, response: res });

export const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices, ...extra });
export const completion = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: "x", object: "chat.completion", created: 1, model: "m", choices, usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }, ...extra });
