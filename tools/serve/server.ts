import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ApiError, unauthorized } from "./http/errors.js";
import { readJsonBody } from "./http/body.js";
import { SseWriter } from "./http/sse.js";
import { builtinModel } from "./model/index.js";
import { DEFAULT_MODELS, loadModelsFile, type ServedModel } from "./models.js";
import { FaultSet, type Chunk, type ReplyContext } from "./faults/index.js";
import { endpointOf, matchRoute } from "./routes.js";
import type { Reply } from "./endpoints/types.js";

export interface ServerOptions {
  port?: number;
  host?: string;
  /** When set, every request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A JSON/YAML list of model ids to serve instead of `lis-tiny` (see models.ts). */
  modelsFile?: string;
  /** Clause IDs to violate (see `lis serve --list-faults`). */
  faults?: string[];
  /** Largest accepted request body, bytes (413 beyond). */
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** The base URL, ending in /v1. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How long close() lets in-flight requests finish before cutting their connections. */
const SHUTDOWN_GRACE_MS = 5000;

/** Starts the reference server; resolves when it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const models: ServedModel[] = options.modelsFile ? loadModelsFile(options.modelsFile) : DEFAULT_MODELS;
  const faults = new FaultSet(options.faults);
  const model = builtinModel();
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const host = options.host ?? "127.0.0.1";

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    handle(req, res).catch((err) => {
      // Unreachable in practice (handle catches everything); never let a request crash the process.
      if (!res.headersSent) sendJson(res, internal(err), { endpoint: "none", method: req.method ?? "", path: req.url ?? "", status: 500 });
      else res.destroy();
    });
  });
  server.on("clientError", (_err, socket: Socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    const ctx: ReplyContext = { endpoint: endpointOf(method, pathname), method, path: pathname, status: 200 };
    try {
      const { route, params } = matchRoute(method, pathname);
      if (options.apiKey !== undefined && !faults.has("skip-auth")) authenticate(req, options.apiKey);
      let body: Record<string, unknown> | undefined;
      if (route.method === "POST") {
        const parsed = await readJsonBody(req, faults.has("ignore-body-limit") ? Number.MAX_SAFE_INTEGER : limit);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
          ctx.request = parsed as Record<string, unknown>;
          body = faults.request(ctx.request, ctx);
        } else {
          body = parsed as Record<string, unknown>; // the endpoint's validator rejects it with the right message
        }
      }
      const reply: Reply = route.handler({ body, params, models, model, faults });
      if (reply.kind === "json") sendJson(res, reply.body, { ...ctx, status: reply.status }, method === "HEAD");
      else await sendStream(res, reply.chunks, ctx);
    } catch (err) {
      const error = err instanceof ApiError ? err : internal(err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error.status === 413) res.setHeader("Connection", "close"); // the rest of the body is not read
      const bad = error.status >= 400 && error.status < 500 && faults.has("internal-error-on-bad-input");
      sendJson(res, bad ? internal(err) : error, { ...ctx, status: bad ? 500 : error.status }, method === "HEAD", bad ? {} : error.headers);
    }
  }

  function sendJson(res: ServerResponse, payload: unknown, ctx: ReplyContext, head = false, extraHeaders: Record<string, string> = {}): void {
    const body = payload instanceof ApiError ? payload.body() : payload;
    const status = faults.status(ctx.status, ctx);
    const text = JSON.stringify(faults.body(body, { ...ctx, status }));
    const headers = faults.headers(
      { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)), ...extraHeaders },
      { ...ctx, status },
    );
    res.writeHead(status, headers);
    res.end(head ? undefined : text);
  }

  async function sendStream(res: ServerResponse, chunks: Chunk[], ctx: ReplyContext): Promise<void> {
    const transformed = faults.chunks(chunks, ctx);
    const frames = faults.frames([...transformed.map((c) => `data: ${JSON.stringify(c)}\n\n`), "data: [DONE]\n\n"], ctx);
    const status = faults.status(200, ctx);
    res.writeHead(status, faults.headers({ "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", Connection: "keep-alive" }, { ...ctx, status }));
    const out = new SseWriter(res);
    for (const frame of frames) {
      if (out.clientGone) return;
      await out.write(frame);
    }
    out.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => reject(err));
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/v1`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Stop accepting; idle keep-alive connections go now, in-flight responses may finish.
        const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function authenticate(req: IncomingMessage, apiKey: string): void {
  const header = req.headers.authorization;
  if (!header) throw unauthorized("Missing API key.");
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) throw unauthorized("The Authorization header is not a Bearer token.");
  const digest = (s: string) => createHash("sha256").update(s).digest();
  if (!timingSafeEqual(digest(m[1]), digest(apiKey))) throw unauthorized("Incorrect API key.");
}

function internal(err: unknown): ApiError {
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError(500, `Internal server error: ${detail}`, "server_error", null, "internal_error");
}
