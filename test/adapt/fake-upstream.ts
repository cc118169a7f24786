import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: unknown) => void;

/**
 * An OpenAI-style upstream for the proxy's tests, on loopback: it lists one model (`m`) and answers each
 * other path with the given route; it records what it was sent.
 */
export async function fakeUpstream(routes: Record<string, Route>): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const path = (req.url ?? "/").split("?")[0];
      seen.push({ method: req.method ?? "GET", path, headers: req.headers, body });
      const route = routes[`${req.method} ${path}`];
      if (route) return route(req, res, body);
      if (path === "/v1/models") return json(res, 200, { object: "list", data: [{ id: "m", object: "model", created: 1_767_225_600, owned_by: "test" }] });
      json(res, 404, { error: { message: "not found", type: "not_found_error", param: null, code: null } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

/** A chat completion chunk of model m. */
export const event = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "chatcmpl-f", object: "chat.completion.chunk", created: 1_767_225_600, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export const completion = (content: string) => ({
  id: "chatcmpl-f",
  object: "chat.completion",
  created: 1_767_225_600,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
});
