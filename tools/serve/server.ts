import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { AddressInfo, Socket } from "node:net";
import { LisError, EXIT } from "../util/errors.js";
import { packageVersion } from "../util/paths.js";
import { ApiError } from "./http/errors.js";
import { authenticate } from "./http/auth.js";
import { readJsonBody } from "./http/body.js";
import { checkJsonContentType, checkLisVersion, corsHeaders, preflightHeaders, requestId } from "./http/headers.js";
import { SseWriter } from "./http/sse.js";
import { answerClientErrors, listen, type Listening } from "../http/listen.js";
import { builtinModel } from "./model/index.js";
import { DEFAULT_MODELS, loadModelsFile, type ServedModel } from "./models.js";
import { resolveFaults } from "./faults/index.js";
import { resolveVariants } from "./variants/index.js";
import { HookSet, type Chunk, type ReplyContext } from "./hooks/engine.js";
import { allowedMethods, endpointOf, matchRoute, routeFor } from "./routes.js";
import { JobStore, type FineTuningClock } from "./fine-tuning/jobs.js";
import { fineTuningQuirks } from "./faults/fine-tuning.js";
import { DEFAULT_SERVED_SPEC, SERVED_SPECS, lisVersions, responseLisVersion, type ServedSpec } from "./versions.js";
import { frameDueTimes, tokenSchedule, type LatencySchedule } from "./latency.js";

export interface ServerOptions {
  port?: number;
  host?: string;
  /** When set, every request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A JSON/YAML list of models to serve instead of `lis-tiny` (see models.ts). */
  modelsFile?: string;
  /** Clause IDs to violate (see `lis serve --list-faults`). */
  faults?: string[];
  /** Legal variations of behaviour to exercise (see `lis serve --list-variants`). */
  variants?: string[];
  /** Largest accepted request body, bytes (413 beyond). */
  maxBodyBytes?: number;
  /** Answer CORS preflights and allow this origin (`*` for any); off when absent (HTTP-027). */
  corsOrigin?: string;
  /** How simulated fine-tuning jobs advance: one step per read of the job (default) or per stepMs. */
  fineTuningClock?: FineTuningClock;
  /** "1.1" (default): implements LIS 1.0 and 1.1; "1.0": a pure 1.0 server (no reasoning profile). */
  specVersion?: ServedSpec;
  /** Pace streamed completions by this schedule (`--latency`, latency.ts); absent = as fast as they are generated. */
  latency?: LatencySchedule;
}

export type RunningServer = Listening;

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** The pace of a server with the PERF-023 fault and no --latency: a 64-token stream held back for about a second, long enough to show even when the client is slow to read. */
const HELD_STREAM_PACE: LatencySchedule = { ttftMs: 0, itlMs: 15, jitterMs: 0, seed: 0 };
/** How the reference server names itself (a conformance report shows who answered). */
const SERVER_NAME = `lis-serve/${packageVersion}`;

/** Starts the reference server; resolves when it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const served: ServedModel[] = options.modelsFile ? loadModelsFile(options.modelsFile) : DEFAULT_MODELS;
  const spec = options.specVersion ?? DEFAULT_SERVED_SPEC;
  if (!SERVED_SPECS.includes(spec)) throw new LisError(`unknown spec version '${String(spec)}'; the server implements ${SERVED_SPECS.join(" or ")}`, EXIT.USAGE);
  const faults = resolveFaults(options.faults);
  const hooks = new HookSet([...faults, ...resolveVariants(options.variants)]);
  const { listed, accepted } = hooks.models(served);
  const model = builtinModel();
  const fineTuning = new JobStore(options.fineTuningClock, { ...fineTuningQuirks(faults.map((f) => f.clause)), ...(hooks.has("slow-fine-tuning") ? { readsPerStep: 3 } : {}) });
  const memory = new Map<string, unknown>();
  /** Whether the endpoints accept a model id (fine-tuned models too, as they appear). */
  const accepts = (id: string) => accepted.some((m) => m.id === id) || fineTuning.models().some((m) => m.id === id);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const host = options.host ?? "127.0.0.1";
  const cors = options.corsOrigin ?? (hooks.has("force-cors") ? "*" : undefined);
  const holdStreams = hooks.has("hold-stream");
  const pace = options.latency ?? (holdStreams ? HELD_STREAM_PACE : undefined);
  let streamsStarted = 0;

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    handle(req, res).catch(() => {
      // Unreachable in practice (handle catches everything); never let a request crash the process.
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify(internal("unexpected failure").body()));
      else res.destroy();
    });
  });
  answerClientErrors(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const method = req.method ?? "GET";
    const requested = new URL(req.url ?? "/", "http://x").pathname;
    // HTTP-013 lets a server serve a path with a trailing slash like the path without it.
    const pathname = hooks.has("trailing-slash-alias") ? requested.replace(/(.)\/+$/, "$1") : requested;
    const ctx: ReplyContext = { endpoint: endpointOf(method, pathname), method, path: pathname, status: 200, headers: req.headers, authRequired: options.apiKey !== undefined, memory, spec, accepts };
    const common: Record<string, string> = { Server: SERVER_NAME, "x-request-id": requestId(req), "LIS-Version": responseLisVersion(req.headers["lis-version"], spec), ...(cors ? corsHeaders(cors) : {}) };
    try {
      const preflight = cors && method === "OPTIONS" ? routeFor(pathname) : undefined;
      if (preflight) {
        const headers = hooks.headers({ ...common, ...preflightHeaders(cors!, allowedMethods(preflight)), "Content-Length": "0" }, { ...ctx, status: 204 });
        res.writeHead(hooks.status(204, { ...ctx, status: 204 }), headers).end();
        return;
      }
      const intercepted = hooks.intercept(ctx);
      if (intercepted) {
        res.writeHead(intercepted.status, { ...common, ...intercepted.headers }).end(intercepted.body);
        return;
      }
      const checkKey = () => {
        if (options.apiKey !== undefined && !hooks.has("skip-auth")) authenticate(req, options.apiKey, hooks.has("case-sensitive-bearer"));
      };
      // HTTP-023 lets a server answer 401 rather than 404 to an unauthenticated request for an unknown path.
      const authFirst = hooks.has("auth-before-routing");
      if (authFirst) checkKey();
      const { route, params } = matchRoute(method, pathname);
      if (!authFirst) checkKey();
      if (!hooks.has("skip-version-check")) checkLisVersion(req, lisVersions(spec));
      let body: Record<string, unknown> | undefined;
      if (route.method === "POST" && !route.noBody) {
        if (!hooks.has("accept-any-content-type")) checkJsonContentType(req, hooks.has("parse-body-without-content-type"));
        ctx.request = await readJsonBody(req, hooks.has("small-body-limit") ? Math.min(limit, 512 * 1024) : limit, hooks.has("lenient-utf8"));
        // A paced server lets every request that arrived together stamp its arrival before any answer is
        // generated: a burst's generation work then does not push later arrivals off their schedule.
        if (pace) await new Promise((resolve) => setImmediate(resolve));
        body = hooks.request(ctx.request, ctx);
      }
      const tuned = fineTuning.models(); // models of succeeded fine-tuning jobs are served like the others
      const reply = route.handler({ body, params, models: [...listed, ...tuned], accepted: [...accepted, ...tuned], model, hooks, faults: faults.map((f) => f.clause), spec, maxBodyBytes: limit, fineTuning, query: new URL(req.url ?? "/", "http://x").searchParams });
      if (reply.kind === "json") sendJson(res, reply.body, { ...ctx, status: reply.status }, common, method === "HEAD");
      else await sendStream(res, reply.chunks, ctx, common, arrivedAt);
    } catch (err) {
      const error = err instanceof ApiError ? err : internal(err instanceof Error ? err.message : String(err));
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const replyCtx = { ...ctx, status: error.status, reason: error.reason };
      if (ctx.request?.stream === true && hooks.has("stream-errors-as-events")) {
        res.writeHead(200, { ...common, "Content-Type": "text/event-stream; charset=utf-8" });
        res.end(`data: ${JSON.stringify(hooks.body(error.body(), replyCtx))}\n\n`);
        return;
      }
      // A very large rejected body may not have been read to its end: close after answering (HTTP-010).
      const extra = error.status === 413 ? { ...error.headers, Connection: "close" } : error.headers;
      sendJson(res, error, replyCtx, { ...common, ...extra }, method === "HEAD");
    }
  }

  function sendJson(res: ServerResponse, payload: unknown, ctx: ReplyContext, headers: Record<string, string>, head: boolean): void {
    const body = payload instanceof ApiError ? payload.body() : payload;
    const status = hooks.status(ctx.status, ctx);
    let bytes = Buffer.from(hooks.text(JSON.stringify(hooks.body(body, { ...ctx, status })), { ...ctx, status }));
    let coding: Record<string, string> = {};
    if (hooks.has("gzip-json") && acceptsGzip(ctx.headers["accept-encoding"])) {
      bytes = gzipSync(bytes);
      coding = { "Content-Encoding": "gzip", Vary: "Accept-Encoding" };
    }
    const all = hooks.headers({ ...headers, "Content-Type": "application/json; charset=utf-8", ...coding, "Content-Length": String(bytes.byteLength) }, { ...ctx, status });
    res.writeHead(status, all);
    if (head) {
      res.end();
      return;
    }
    const pieces = hooks.writes(bytes, ctx);
    if (pieces.length === 1) res.end(pieces[0]);
    else void writeAll(res, pieces).then(() => res.end());
  }

  async function sendStream(res: ServerResponse, chunks: Chunk[], ctx: ReplyContext, headers: Record<string, string>, arrivedAt: number): Promise<void> {
    const transformed = hooks.chunks(chunks, ctx);
    const frames = hooks.frames([...transformed.map((c) => `data: ${JSON.stringify(c)}\n\n`), "data: [DONE]\n\n"], ctx);
    const status = hooks.status(200, ctx);
    res.writeHead(status, hooks.headers({ ...headers, "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" }, { ...ctx, status }));
    res.flushHeaders();
    const out = new SseWriter(res);
    const due = pace ? frameDueTimes(transformed, frames.length, tokenSchedule(pace, ++streamsStarted)) : undefined;
    if (holdStreams && due) {
      // PERF-023's fault: every event is held back until the last one is generated, then all go in one write.
      await sleepUntil(arrivedAt + due[due.length - 1]);
      if (!out.clientGone) await out.write(frames.join(""));
      out.end();
      return;
    }
    for (let i = 0; i < frames.length; i++) {
      if (due) await sleepUntil(arrivedAt + due[i]);
      const pieces = hooks.writes(Buffer.from(frames[i]), ctx);
      for (const piece of pieces) {
        if (out.clientGone) return; // the client left: stop writing (STREAM-019); nothing else holds the request
        await out.write(piece);
        if (pieces.length > 1) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    out.end();
  }

  return listen(server, options.port ?? 8080, host);
}

/** Resolves at a performance.now() time; at once when it has passed. */
function sleepUntil(at: number): Promise<void> | undefined {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
}

/** Writes pieces one by one, each in its own turn of the event loop, so that they leave as separate packets. */
async function writeAll(res: ServerResponse, pieces: Buffer[]): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    res.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Whether an Accept-Encoding value admits gzip (RFC 9110 §12.5.3: a q of 0 refuses it). */
function acceptsGzip(value: string | string[] | undefined): boolean {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return text.split(",").some((part) => {
    const [coding, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    return (coding === "gzip" || coding === "*") && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function internal(detail: string): ApiError {
  return new ApiError(500, `Internal server error (${detail.slice(0, 200)}); please report it.`, "server_error", null, "internal_error");
}
