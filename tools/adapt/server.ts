/**
 * The proxy's HTTP edge (thin): it reads and checks what every LIS endpoint shares — authentication, the
 * LIS-Version header, media type, size and UTF-8 of the body, unknown paths and methods (the reference
 * server's own checks, tools/serve/http) — hands the request to its endpoint, and writes the reply: JSON,
 * or an event stream written event by event as the client takes it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { answerClientErrors, listen, type Listening } from "../http/listen.js";
import { makeRedactor } from "../http/redact.js";
import { authenticate } from "../serve/http/auth.js";
import { readJsonBody } from "../serve/http/body.js";
import { ApiError, modelNotFound } from "../serve/http/errors.js";
import { checkJsonContentType, checkLisVersion, corsHeaders, preflightHeaders, requestId } from "../serve/http/headers.js";
import { SseWriter } from "../serve/http/sse.js";
import { responseLisVersion, type ServedSpec } from "../serve/versions.js";
import { createAdapter, discoveryDocument, type Adapter, type AdapterOptions, type Reply } from "./adapter.js";
import { chatCompletion } from "./chat.js";
import { embeddings } from "./embeddings.js";
import { relay } from "./relay.js";
import { matchRoute, methodsFor } from "./routes.js";
import type { Obj } from "./rule.js";

export interface AdaptServerOptions extends AdapterOptions {
  port?: number;
  host?: string;
}

export interface RunningAdapter extends Listening {
  adapter: Adapter;
}


export async function startAdapter(options: AdaptServerOptions): Promise<RunningAdapter> {
  const a = await createAdapter(options);
  const host = options.host ?? "127.0.0.1";
  const ceiling = a.lisVersions[a.lisVersions.length - 1] as ServedSpec;

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    handle(req, res).catch((err) => {
      // handle() answers every error it can; this is a bug of ours, and the process must not die of it.
      if (!res.headersSent) sendJson(res, 500, internal(err).body(), {});
      else res.destroy();
    });
  });
  answerClientErrors(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    // The path and query as sent (no URL object per request: the path is matched, the query relayed).
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    const url = { pathname: q === -1 ? target : target.slice(0, q), search: q === -1 ? "" : target.slice(q) };
    const id = requestId(req);
    const common: Record<string, string> = { "x-request-id": id, "LIS-Version": responseLisVersion(req.headers["lis-version"], ceiling), ...(a.options.cors ? corsHeaders(a.options.cors) : {}) };
    try {
      if (a.options.cors && method === "OPTIONS" && methodsFor(url.pathname, a.profiles).length > 0) {
        res.writeHead(204, { ...common, ...preflightHeaders(a.options.cors, methodsFor(url.pathname, a.profiles)), "Content-Length": "0" }).end();
        return;
      }
      const route = matchRoute(method, url.pathname, a.profiles);
      if (a.options.apiKey !== undefined) authenticate(req, a.options.apiKey);
      checkLisVersion(req, a.lisVersions);
      let body: Obj | undefined;
      if (route.method === "POST" && !route.noBody) {
        checkJsonContentType(req);
        body = await readJsonBody(req, a.options.maxBodyBytes);
      }
      // What goes upstream besides the body: the request id (for the upstream's logs) and, only when the
      // operator asked for it, the client's own key. Not LIS-Version: the proxy is the LIS endpoint and keeps
      // the version contract itself (VER-002 to VER-005); the upstream answers as it always does.
      const forward: Record<string, string> = { "x-request-id": id };
      if (a.options.forwardKey && typeof req.headers.authorization === "string") forward.authorization = req.headers.authorization;
      const reply = await dispatch(route.name, route.params, method, url, body, forward);
      await send(res, reply, common, method === "HEAD");
    } catch (err) {
      const error = err instanceof ApiError ? err : internal(err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const extra = error.status === 413 ? { ...error.headers, Connection: "close" } : error.headers;
      const body = error.body();
      // A key the proxy forwarded for the client may come back in the upstream's message (HTTP-019).
      const forwarded = a.options.forwardKey ? /^\s*\S+\s+(.+)$/.exec(String(req.headers.authorization ?? ""))?.[1] : undefined;
      if (forwarded) body.error.message = makeRedactor([forwarded])(body.error.message);
      sendJson(res, error.status, body, { ...common, ...extra }, method === "HEAD");
    }
  }

  async function dispatch(name: string, params: Record<string, string>, method: string, url: { pathname: string; search: string }, body: Obj | undefined, forward: Record<string, string>): Promise<Reply> {
    switch (name) {
      case "chat":
        return chatCompletion(a, body!, forward);
      case "embeddings":
        return embeddings(a, body!, forward);
      case "models": {
        const listing = await a.models.fetch();
        if (listing instanceof ApiError) throw listing;
        return { kind: "json", status: 200, body: listing.list };
      }
      case "model": {
        // Served from the list, so the two views agree (MODEL-008) and ids are percent-decoded (MODEL-010).
        const listing = await a.models.fetch();
        if (listing instanceof ApiError) throw listing;
        const m = listing.list.data.find((x) => x.id === params.model);
        if (!m) throw modelNotFound(params.model);
        return { kind: "json", status: 200, body: m };
      }
      case "discovery": {
        const listing = await a.models.current();
        if (listing instanceof ApiError) throw listing;
        return { kind: "json", status: 200, body: discoveryDocument(a, [...listing.ids]) };
      }
      default:
        return relay(a, method, url.pathname + url.search, body, forward);
    }
  }

  async function send(res: ServerResponse, reply: Reply, common: Record<string, string>, head: boolean): Promise<void> {
    if (reply.kind === "error") throw reply.error;
    if (reply.kind === "json") return sendJson(res, reply.status, reply.body, common, head);
    res.writeHead(200, [...flat(common), "Content-Type", "text/event-stream; charset=utf-8", "Cache-Control", "no-cache", "X-Accel-Buffering", "no"]);
    const out = new SseWriter(res);
    // The client leaving abandons the upstream request (STREAM-019).
    res.once("close", () => {
      if (!res.writableFinished) reply.cancel();
    });
    for await (const f of reply.frames) {
      if (out.clientGone) break;
      await out.write(f);
    }
    out.end();
  }

  let listening: Listening;
  try {
    listening = await listen(server, options.port ?? 8080, host);
  } catch (err) {
    await closeUpstreams(a);
    throw err;
  }
  // In-flight requests finish first; then the kept-alive upstream connections go.
  return { url: listening.url, close: () => listening.close().then(() => closeUpstreams(a)), adapter: a };
}

async function closeUpstreams(a: Adapter): Promise<void> {
  await Promise.all([...new Set([a.chat, a.embeddingsUpstream])].map((u) => u.close()));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>, head = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, [...flat(headers), "Content-Type", "application/json; charset=utf-8", "Content-Length", String(Buffer.byteLength(text))]);
  res.end(head ? undefined : text);
}

/**
 * Headers as node:http's flat [name, value, …] list: writeHead takes it without walking an object's keys
 * (measured: 7 µs a response instead of 19, on a path that runs for every request the proxy answers).
 */
function flat(headers: Record<string, string>): string[] {
  const out: string[] = [];
  for (const name in headers) out.push(name, headers[name]);
  return out;
}

function internal(err: unknown): ApiError {
  const detail = err instanceof Error ? err.message : String(err);
  if (process.env.LIS_DEBUG && err instanceof Error) process.stderr.write(`lis adapt: internal error: ${err.stack}\n`);
  return new ApiError(500, `Internal error in the proxy (${detail.slice(0, 200)}); please report it.`, "server_error", null, "internal_error");
}
