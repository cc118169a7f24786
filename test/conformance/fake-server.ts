import { afterEach } from "vitest";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeServer {
  /** Base URL, ending in /v1. */
  url: string;
  origin: string;
  /** Every request seen: method, path, headers, body. */
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  close(): Promise<void>;
}

export type FakeHandler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void | Promise<void>;

/** A small node:http server on 127.0.0.1:0 whose every connection is destroyed on close (no hanging tests). */
export async function startFake(handler: FakeHandler): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const requests: FakeServer["requests"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      Promise.resolve(handler(Object.assign(req, { body }), res)).catch(() => res.destroy());
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file: `fake(handler)` starts a fake server; it, and anything handed to `closeAfterTest`, is
 * closed after each test.
 */
export function fakesClosedAfterEach(): { fake: (handler: FakeHandler) => Promise<FakeServer>; closeAfterTest: (s: { close(): Promise<void> }) => void } {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return {
    fake: async (handler) => {
      const s = await startFake(handler);
      open.push(s);
      return s;
    },
    closeAfterTest: (s) => void open.push(s),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
