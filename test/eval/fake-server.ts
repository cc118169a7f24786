import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A loopback server whose POST answers come from `answer(n, body)` (n counts POSTs from 0); GETs of models answer 404. */
export async function fakeServer(answer: (n: number, body: Record<string, unknown>, path: string) => FakeReply) {
  let posts = 0;
  const seen: Array<{ path: string; body: Record<string, unknown> }> = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method !== "POST") {
      res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: "no", type: "not_found_error", param: null, code: null } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    seen.push({ path, body });
    const reply = answer(posts++, body, path);
    res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body ?? { error: { message: "overloaded", type: "server_error", param: null, code: null } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A chat completion whose content is `text`. */
export const chatReply = (text: string): FakeReply => ({
  status: 200,
  body: { id: "c", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }] },
});
