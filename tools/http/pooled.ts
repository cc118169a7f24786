/**
 * The proxy's leg to its upstream (lis adapt): undici's connection pool, driven through its dispatch
 * handlers, so that a request costs no ClientRequest, IncomingMessage or Readable. A proxy sends one
 * upstream request per request it serves; through node:http's client that leg alone cost the proxy about as
 * much CPU per request as the reference server spends answering one (bench/adapt.mjs). The defences are
 * client.ts's: no redirect followed (a dispatcher follows none), a cap on the decoded body, a timeout for
 * the answer and an idle timeout inside a stream, every failure a TransportError, never an exception.
 */
import { createRequire } from "node:module";
import type { Dispatcher, Pool } from "undici";
import { DEFAULT_JSON_BOUNDS, JsonBoundsScanner } from "../util/bounded-json.js";
import { abortedBy, classify, IDEMPOTENT, isEventStream, type HttpOutcome, type OpenLimits, type OpenResponse } from "./client.js";
import { contentCodings, decoderChain } from "./codings.js";
import type { ReceivedResponse, TransportError } from "./types.js";

const require = createRequire(import.meta.url);

export interface PooledRequest {
  method: string;
  /** The path and query, below the pool's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PooledLimits {
  /** Until the whole answer has arrived. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** As HttpLimits.mayResend: asked before a POST goes a second time. */
  mayResend?: () => Promise<boolean>;
}

/** A piece of the body is held back (the upstream paused) once this much waits for the reader. */
const HIGH_WATER_BYTES = 64 * 1024;

/** Errors of a connection that closed before the answer started: the request may go once more. */
const RESENDABLE = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

/**
 * What one exchange tells its owner. `start` comes once, with the final status; `data` with decoded body
 * bytes; `end` or `error` closes it.
 */
interface Exchange {
  start(status: number, headers: Record<string, string>, controller: Dispatcher.DispatchController): void;
  data(piece: Buffer): void;
  end(): void;
  error(error: TransportError): void;
}

export class PooledClient {
  private readonly pool: Pool;

  constructor(readonly origin: string) {
    // Loaded with the proxy, not with every lis command.
    const { Pool } = require("undici") as typeof import("undici");
    this.pool = new Pool(origin, { pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
  }

  /** One request whose whole answer is read (within the size cap and the timeout). */
  send(req: PooledRequest, limits: PooledLimits): Promise<HttpOutcome> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let status = 0;
      let headers: Record<string, string> = {};
      let scanner: JsonBoundsScanner | undefined;
      let settled = false;
      const started = performance.now();
      let receivedAtMs = 0;
      let stop: (() => void) | undefined;
      const settle = (outcome: HttpOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome.error) stop?.();
        resolve(outcome);
      };
      const timer = setTimeout(() => settle({ error: { kind: "timeout", message: `no complete response within ${limits.timeoutMs} ms` } }), limits.timeoutMs);
      stop = this.exchange(req, limits.mayResend, {
        start(s, h) {
          status = s;
          headers = h;
          receivedAtMs = Date.now();
          // A stream is not one JSON text: its events are read, and bounded, by whoever reads them.
          if (!isEventStream(h["content-type"])) scanner = new JsonBoundsScanner(DEFAULT_JSON_BOUNDS);
        },
        data(piece) {
          if (settled) return;
          bytes += piece.byteLength;
          if (bytes > limits.maxBodyBytes) return settle({ error: oversize(limits.maxBodyBytes) });
          const limit = scanner?.push(piece);
          if (limit !== undefined) return settle({ error: { kind: "json-limit", message: limit } });
          chunks.push(piece);
        },
        end() {
          const bodyText = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
          const response: ReceivedResponse = { status, headers, bodyText, durationMs: performance.now() - started, receivedAtMs };
          if (bodyText.length === 0) response.jsonError = "empty body";
          else if (scanner) {
            try {
              response.json = JSON.parse(bodyText);
            } catch (err) {
              response.jsonError = (err as Error).message;
            }
          }
          settle({ response });
        },
        error: (error) => settle({ error }),
      });
    });
  }

  /**
   * One request whose body the caller reads piece by piece, at its own pace: the upstream is paused while
   * more than HIGH_WATER_BYTES wait (back-pressure), and the idle clock runs only while it is not.
   */
  open(req: PooledRequest, limits: OpenLimits): Promise<{ response: OpenResponse; error?: undefined } | { response?: undefined; error: TransportError }> {
    return new Promise((resolve) => {
      let failure: TransportError | undefined;
      let answered = false;
      let controller: Dispatcher.DispatchController | undefined;
      const queue: Buffer[] = [];
      let queued = 0;
      let bytes = 0;
      let ended = false;
      let wake: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number, message: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => fail({ kind: "timeout", message }), ms);
      };
      const idle = `the response body stalled for ${limits.idleTimeoutMs} ms`;
      let stop = () => {};
      const fail = (error: TransportError) => {
        failure ??= error;
        clearTimeout(timer);
        stop();
        limits.signal?.removeEventListener("abort", onAbort);
        wake?.();
        if (!answered) {
          answered = true;
          resolve({ error: failure });
        }
      };
      const onAbort = () => fail(abortedBy(limits.signal));
      if (limits.signal?.aborted) return resolve({ error: abortedBy(limits.signal) });
      limits.signal?.addEventListener("abort", onAbort, { once: true });
      arm(limits.timeoutMs, `no response headers within ${limits.timeoutMs} ms`);

      async function* pieces(): AsyncGenerator<Buffer> {
        try {
          for (;;) {
            if (failure) return;
            const piece = queue.shift();
            if (piece !== undefined) {
              queued -= piece.byteLength;
              if (queue.length === 0 && controller?.paused && !ended) {
                controller.resume();
                arm(limits.idleTimeoutMs, idle);
              }
              yield piece;
              continue;
            }
            if (ended) return;
            await new Promise<void>((r) => (wake = r));
            wake = undefined;
          }
        } finally {
          clearTimeout(timer);
          limits.signal?.removeEventListener("abort", onAbort);
        }
      }

      stop = this.exchange(req, limits.mayResend, {
        start(status, headers, c) {
          controller = c;
          const declared = Number(headers["content-length"] ?? NaN);
          if (Number.isInteger(declared) && declared > limits.maxBodyBytes) return fail(oversize(limits.maxBodyBytes));
          arm(limits.idleTimeoutMs, idle);
          answered = true;
          resolve({
            response: {
              status,
              headers,
              body: pieces(),
              failure: () => failure,
              close: () => fail({ kind: "reset", message: "closed by the reader" }),
            },
          });
        },
        data(piece) {
          if (failure) return;
          bytes += piece.byteLength;
          if (bytes > limits.maxBodyBytes) return fail(oversize(limits.maxBodyBytes));
          queue.push(piece);
          queued += piece.byteLength;
          if (queued >= HIGH_WATER_BYTES && controller && !controller.paused) {
            controller.pause();
            clearTimeout(timer);
          } else timer?.refresh();
          wake?.();
        },
        end() {
          ended = true;
          clearTimeout(timer);
          limits.signal?.removeEventListener("abort", onAbort);
          wake?.();
        },
        error: fail,
      });
    });
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  /**
   * Dispatches a request and reports to `to`; returns a function that abandons it. A request whose
   * connection closes before the answer starts (a kept-alive connection the upstream had just closed) goes
   * once more, on a connection of its own: at once when it is idempotent, else only when `mayResend` says
   * the upstream still answers (one that died on the request must not get it twice).
   */
  private exchange(req: PooledRequest, mayResend: (() => Promise<boolean>) | undefined, to: Exchange): () => void {
    const origin = this.origin;
    let done = false;
    let abort: (() => void) | undefined;
    const stop = () => {
      done = true;
      abort?.();
    };
    const attempt = (dispatcher: Dispatcher, retry: boolean) => {
      let started = false;
      let decode: ReturnType<typeof decoderChain> | undefined;
      let ctl: Dispatcher.DispatchController | undefined;
      const failed = (error: TransportError) => {
        decode?.all.forEach((d) => d.destroy());
        if (!done) to.error(error);
        done = true;
      };
      abort = () => {
        decode?.all.forEach((d) => d.destroy());
        if (ctl && !ctl.aborted) ctl.abort(new Error("abandoned"));
      };
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(controller) {
          ctl = controller;
          if (done) controller.abort(new Error("abandoned"));
        },
        onResponseStart(controller, status, headers) {
          // 1xx answers are not the answer.
          if (done || status < 200) return;
          started = true;
          const flat = flatHeaders(headers);
          const codings = contentCodings(flat["content-encoding"]);
          if (codings) {
            // Decoded as it arrives, under back-pressure: the upstream pauses while the decoders are full.
            decode = decoderChain(codings, (err) => failed({ kind: "protocol", message: `the ${codings.join(", ")} response body cannot be decoded: ${err.message}` }));
            decode.last.on("data", (piece: Buffer) => to.data(piece));
            decode.last.on("end", () => !done && to.end());
            decode.first.on("drain", () => controller.resume());
          }
          to.start(status, flat, controller);
        },
        onResponseData(controller, chunk) {
          if (done || !started) return;
          if (!decode) return to.data(chunk);
          if (!decode.first.write(chunk)) controller.pause();
        },
        onResponseEnd() {
          if (done || !started) return;
          if (decode) decode.first.end();
          else to.end();
        },
        onResponseError(_controller, err) {
          if (done) return;
          const code = (err as NodeJS.ErrnoException).code ?? "";
          if (!started && retry && RESENDABLE.has(code)) {
            void (async () => {
              if (IDEMPOTENT.has(req.method.toUpperCase()) || (mayResend && (await mayResend()))) {
                if (done) return;
                const { Client } = require("undici") as typeof import("undici");
                const fresh = new Client(origin, { headersTimeout: 0, bodyTimeout: 0 });
                attempt(fresh, false);
                fresh.close().catch(() => undefined);
              } else failed(classify(err));
            })();
            return;
          }
          failed(classify(err));
        },
      };
      try {
        dispatcher.dispatch({ method: req.method, path: req.path, headers: req.headers, body: req.body }, handler);
      } catch (err) {
        // undici refuses some requests before sending them, e.g. a header value with a control character.
        failed({ kind: "protocol", message: `the request cannot be sent: ${(err as Error).message}` });
      }
    };
    attempt(this.pool, true);
    return stop;
  }
}

const oversize = (cap: number): TransportError => ({ kind: "oversize", message: `the response body exceeds the cap of ${cap} bytes` });

/** Response headers by lowercase name; repeated headers joined with ", " (as client.ts gives them). */
function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}
