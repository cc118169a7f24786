import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { ROOT } from "../../tools/util/paths.js";
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

/** `lis serve` as a real subprocess (build first: npx tsc -p .). */
export function startCli(args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), "serve", ...args], { cwd: ROOT });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /lis serve: listening on (http:\/\/\S+\/v1)/.exec(stdout);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}
