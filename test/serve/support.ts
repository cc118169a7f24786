import { expect } from "vitest";
import { startServer, type RunningServer, type ServerOptions } from "../../tools/serve/server.js";
import { getValidator } from "../../tools/validate/validators.js";
import { parseSse } from "../../tools/util/sse.js";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

/** A started server and a small client for it (fetch, loopback only). */
export async function serve(options: ServerOptions = {}) {
  const server: RunningServer = await startServer({ port: 0, ...options });
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(server.url + path, {
      method,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* a stream or a non-JSON body */
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    server,
    url: server.url,
    request,
    post: (path: string, body: unknown, headers?: Record<string, string>) => request("POST", path, body, headers),
    get: (path: string, headers?: Record<string, string>) => request("GET", path, undefined, headers),
    close: () => server.close(),
  };
}

/** The `data:` payloads of a stream, parsed (the [DONE] sentinel kept as a string). */
export function streamEvents(text: string): (Json | "[DONE]")[] {
  const { events, unterminated } = parseSse(text);
  expect(unterminated).toBe("");
  return events.map((e) => (e.data === "[DONE]" ? "[DONE]" : JSON.parse(e.data)));
}

/** Asserts that `doc` is valid against the 1.0 schema `name`, showing the errors when it is not. */
export function expectValid(name: string, doc: unknown): void {
  const result = getValidator(name)(doc);
  expect(result.errors, `${name}: ${JSON.stringify(doc).slice(0, 300)}`).toEqual([]);
}

export const hello = [{ role: "user", content: "Tell me about the Fox and the Grapes." }];
export const chat = (extra: Json = {}) => ({ model: "lis-tiny", messages: hello, max_tokens: 16, ...extra });
