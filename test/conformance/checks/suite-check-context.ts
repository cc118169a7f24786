/** Builds the context a check function sees, from a body or a list of stream payloads, for unit tests. */
import type { CheckContext } from "../../../tools/conformance/checks/types.js";
import type { Exchange, ReceivedResponse } from "../../../tools/conformance/model.js";

export interface FakeExchange {
  status?: number;
  headers?: Record<string, string>;
  /** The JSON body (for a non-stream response). */
  body?: unknown;
  /** The raw body text; defaults to JSON.stringify(body) or the SSE text of `events`. */
  bodyText?: string;
  /** Stream payloads: objects are JSON-encoded, strings sent as-is; "[DONE]" is appended. */
  events?: unknown[];
  requestBody?: unknown;
}

export function response(x: FakeExchange): ReceivedResponse {
  const status = x.status ?? 200;
  if (x.events) {
    const data = [...x.events.map((e) => (typeof e === "string" ? e : JSON.stringify(e))), "[DONE]"];
    const text = x.bodyText ?? data.map((d) => `data: ${d}\n\n`).join("");
    return {
      status,
      headers: { "content-type": "text/event-stream", ...x.headers },
      bodyText: text,
      events: data.map((d, i) => ({ data: d, event: "message", json: d === "[DONE]" ? undefined : safeJson(d), atMs: i })),
      durationMs: 1,
      receivedAtMs: Date.now(),
    };
  }
  const bodyText = x.bodyText ?? (x.body === undefined ? "" : JSON.stringify(x.body));
  return { status, headers: { "content-type": "application/json", ...x.headers }, bodyText, json: safeJson(bodyText), durationMs: 1, receivedAtMs: Date.now() };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function exchange(step: string, x: FakeExchange): Exchange {
  return { step, request: { method: "POST", url: "http://127.0.0.1/v1/chat/completions", headers: {}, body: x.requestBody }, response: response(x) };
}

/** The context of one step, with earlier steps by name. */
export function context(x: FakeExchange, earlier: Record<string, FakeExchange> = {}): CheckContext {
  const res = response(x);
  const document = res.events ? res.events.filter((e) => e.data !== "[DONE]").map((e) => (e.json !== undefined ? e.json : e.data)) : res.json;
  const steps = Object.fromEntries(Object.entries(earlier).map(([name, e]) => [name, exchange(name, e)]));
  return {
    request: { method: "POST", url: "http://127.0.0.1/v1/chat/completions", headers: {}, body: x.requestBody },
    response: res,
    document,
    steps,
    variables: { model: "m1" },
    getValidator: () => () => ({ valid: true, errors: [] }),
  };
}

/** A chat completion body with one choice per content string. */
export const completion = (...contents: (string | null)[]) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  choices: contents.map((content, index) => ({ index, message: { role: "assistant", content }, finish_reason: "stop" })),
});
