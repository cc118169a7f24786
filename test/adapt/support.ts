import { loadDialect } from "../../tools/adapt/dialect.js";
import { Engine } from "../../tools/adapt/engine.js";
import type { ChatExchange, Chunk, Obj } from "../../tools/adapt/rule.js";
import { parseChatRequest } from "../../tools/serve/validate/chat.js";

/** The engine of a shipped dialect. */
export const engineFor = (name: string) => new Engine(loadDialect(name));

/** An exchange for a chat request body, as the proxy makes it after validation. */
export function exchange(body: Obj, probe: ChatExchange["upstream"] = { json: async () => undefined }): ChatExchange {
  return { request: parseChatRequest(body, 32000, { reasoning: true }), listed: new Set(["m"]), now: () => 1_767_225_600, upstream: probe };
}

export const chatBody = (extra: Obj = {}): Obj => ({ model: "m", messages: [{ role: "user", content: "Hi" }], ...extra });

/** Runs chunks through a dialect's stream pipeline, as the proxy does. */
export function streamThrough(engine: Engine, x: ChatExchange, chunks: Chunk[]): Chunk[] {
  const p = engine.stream(x);
  return [...chunks.flatMap((c) => p.push(structuredClone(c))), ...p.end()];
}

/** A chunk in the shape every server sends, with the given choices. */
export const chunk = (choices: Obj[], extra: Obj = {}): Chunk => ({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_767_225_600, model: "m", choices, ...extra });
