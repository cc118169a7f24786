/**
 * The one HTTP edge of the conformance runner, lis eval and lis bench, kept thin and defensive: one request with a
 * timeout, a response-size cap, an event-stream reader with event and time caps, and no redirect ever
 * followed (so that credentials never travel to another origin). Every failure becomes a TransportError,
 * never an exception.
 *
 * Built on node:http, not fetch: fetch costs about twice as much client time per request (WHATWG streams,
 * request objects cloned for manual redirects), which was most of the runner's overhead over the requests
 * themselves (bench/conformance.mjs). What fetch did unasked is done here, as a client would: connections
 * kept alive and pooled, `Accept: *\/*` and `Accept-Encoding: gzip, deflate` sent unless the case sets
 * them, and gzip, deflate and br bodies decoded — with the size cap counting decoded bytes, so a
 * compression bomb is cut off like any other oversized body.
 */
import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { StringDecoder } from "node:string_decoder";
import { DEFAULT_JSON_BOUNDS, JsonBoundsScanner, parseBounded, type JsonBounds } from "../util/bounded-json.js";
import { SseCapError, SseParser } from "../util/sse.js";
import { contentCodings, decoderChain } from "./codings.js";
import type { ReceivedResponse, StreamEventRecord, TransportError } from "./types.js";

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface StreamCaps {
  firstEventWithinMs?: number;
  totalWithinMs?: number;
  maxEvents?: number;
  /** The longest line, and the most data one event may hold, in characters (default 1 MiB). */
  maxEventChars?: number;
}

/** No event of a model server comes near it; an endless line is cut here rather than at the body cap. */
export const DEFAULT_MAX_EVENT_CHARS = 1024 * 1024;

export interface HttpLimits {
  /** Until the response headers arrive, and for a non-stream until the body is read. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** Read the body as an event stream when the response says text/event-stream or `expectStream` is set. */
  expectStream?: boolean;
  stream?: StreamCaps;
  /** The deepest nesting of a JSON body or event accepted (default 64); deeper ends the request unparsed. */
  maxDepth?: number;
  /**
   * Aborts everything in flight: the run's deadline, or another end of the run when the signal's reason is
   * a TransportError (e.g. the target went down), which is then the requests' outcome.
   */
  signal?: AbortSignal;
  /**
   * For a stream: called with each event as soon as it is parsed, stamped (`atMs`) at the arrival of the
   * bytes that completed it — what lis bench measures.
   */
  onEvent?: (event: StreamEventRecord) => void;
  /** For a stream: keep its events and body text in the response (default true); false keeps memory flat however long the stream. */
  keepStream?: boolean;
  /**
   * Asked before a request that is not idempotent (POST, PATCH) is sent a second time, after its kept-alive
   * connection turned out closed: the server may have received it, and a server that has gone away must
   * never get it again. Without it, such a request is never sent twice (RFC 9110 §9.2.2).
   */
  mayResend?: () => Promise<boolean>;
}

export type HttpOutcome = { response: ReceivedResponse; error?: undefined } | { response?: undefined; error: TransportError };

/** The headers every request carries unless the case sets its own (what fetch and the SDKs send). */
const CLIENT_DEFAULTS: Record<string, string> = { accept: "*/*", "accept-encoding": "gzip, deflate" };

interface Transport {
  request: (url: URL, options: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest;
  agent: Agent;
}
let plain: Transport | undefined;
let tls: Transport | undefined;

/** node:http, pooled; node:https only when a target asks for it (loading TLS costs a few ms at start-up). */
function transportFor(url: URL): Transport | undefined {
  if (url.protocol === "http:") return (plain ??= { request: httpRequest, agent: new Agent({ keepAlive: true }) });
  if (url.protocol !== "https:") return undefined;
  if (!tls) {
    const https = process.getBuiltinModule("node:https");
    tls = { request: https.request, agent: new https.Agent({ keepAlive: true }) };
  }
  return tls;
}

/** Whether a Content-Type is text/event-stream (any case, any parameters). */
export const isEventStream = (ct: string | undefined) => (ct ?? "").split(";")[0].trim().toLowerCase() === "text/event-stream";
const DEADLINE: TransportError = { kind: "deadline", message: "the run's deadline passed" };

/** Methods that a client may send again on its own (RFC 9110 §9.2.2). */
export const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** Why the run's signal aborted a request: the reason it carries (e.g. the health watchdog's), or the deadline. */
export function abortedBy(signal: AbortSignal | undefined): TransportError {
  const reason = signal?.reason as Partial<TransportError> | undefined;
  return typeof reason?.kind === "string" && typeof reason.message === "string" ? (reason as TransportError) : DEADLINE;
}

interface Prepared {
  url: URL;
  transport: Transport;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** The request as node:http sends it (defaults filled in), or why it cannot be sent. */
function prepare(req: OutgoingRequest, signal: AbortSignal | undefined): Prepared | TransportError {
  if (signal?.aborted) return abortedBy(signal);
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { kind: "connect", message: `not a valid URL: ${req.url}` };
  }
  const transport = transportFor(url);
  if (!transport) return { kind: "connect", message: `not an http or https URL: ${req.url}` };
  // A string body stays a string: node:http then sends it in one write with the headers, where a Buffer
  // goes in a second packet that waits on the server's delayed ACK (measured: 25 ms vs 16 ms per request).
  const body = req.body;
  const headers = { ...CLIENT_DEFAULTS, ...req.headers };
  if (body !== undefined && headers["content-length"] === undefined) headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  return { url, transport, headers, body };
}

/**
 * Sends a prepared request; `current` always names the request in flight. A kept-alive connection the
 * server has just closed fails a request that never reached it; Node's documented remedy is to send it
 * once more, on a fresh connection. But the same failure is what a server that died on the request looks
 * like: a request that is not idempotent goes again only when `mayResend` says the target is still there.
 */
function dispatch(
  p: Prepared,
  method: string,
  onResponse: (res: IncomingMessage) => void,
  onError: (error: TransportError) => void,
  isDone: () => boolean,
  current: (r: ClientRequest) => void,
  mayResend?: () => Promise<boolean>,
): void {
  const resend = async (err: NodeJS.ErrnoException) => {
    if (IDEMPOTENT.has(method.toUpperCase()) || (mayResend && (await mayResend()))) {
      if (!isDone()) send(false);
    } else onError(classify(err));
  };
  const send = (mayRetry: boolean) => {
    let responded = false;
    // The retry goes on a connection of its own: the pool's next idle one may have been closed as well.
    const request = p.transport.request(p.url, { method, headers: p.headers, agent: mayRetry ? p.transport.agent : false }, (res) => {
      responded = true;
      onResponse(res);
    });
    current(request);
    request.on("error", (err: NodeJS.ErrnoException) => {
      if (isDone()) return;
      if (mayRetry && !responded && request.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) return void resend(err);
      onError(classify(err));
    });
    request.end(p.body);
  };
  try {
    send(true);
  } catch (err) {
    // node:http refuses some requests before sending them, e.g. a header value with a control character.
    onError({ kind: "protocol", message: `the request cannot be sent: ${(err as Error).message}` });
  }
}

export function sendRequest(req: OutgoingRequest, limits: HttpLimits): Promise<HttpOutcome> {
  const prepared = prepare(req, limits.signal);
  if (!("transport" in prepared)) return Promise.resolve({ error: prepared });

  return new Promise<HttpOutcome>((resolve) => {
    const started = performance.now();
    let settled = false;
    let current: ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    const cleanups: (() => void)[] = [];
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      cleanups.forEach((cleanup) => cleanup());
      limits.signal?.removeEventListener("abort", onRunAbort);
      // A half-read response leaves its connection unusable: close it rather than return it to the pool.
      if (outcome.error) current?.destroy();
      resolve(outcome);
    };
    const fail = (error: TransportError) => settle({ error });
    const onRunAbort = () => fail(abortedBy(limits.signal));
    limits.signal?.addEventListener("abort", onRunAbort, { once: true });
    const headerTimer = setTimeout(() => fail({ kind: "timeout", message: `no complete response within ${limits.timeoutMs} ms` }), limits.timeoutMs);
    timers.push(headerTimer);

    const onResponse = (res: IncomingMessage) => {
      const receivedAtMs = Date.now();
      const headersAtMs = performance.now() - started;
      const responseHeaders = headersOf(res.rawHeaders);
      const status = res.statusCode ?? 0;
      res.on("error", (err) => fail(classify(err)));
      res.on("close", () => {
        if (!res.complete) fail({ kind: "reset", message: "the connection was closed before the response was complete" });
      });
      if (settled) return;
      const streaming = isEventStream(responseHeaders["content-type"]) || (limits.expectStream === true && status >= 200 && status < 300);
      const events: StreamEventRecord[] = [];
      const maxEventChars = limits.stream?.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
      const parser = streaming ? new SseParser({ maxLineChars: maxEventChars, maxEventChars }) : undefined;
      const keep = limits.keepStream !== false;
      let eventCount = 0;
      const bounds: JsonBounds = { ...DEFAULT_JSON_BOUNDS, maxDepth: limits.maxDepth ?? DEFAULT_JSON_BOUNDS.maxDepth };
      // The events a stream keeps share one budget of object members, as one body would; a plain body is
      // scanned as it arrives, and refused at the first byte past a bound.
      let members = 0;
      const scanner = parser ? undefined : new JsonBoundsScanner(bounds);
      const text = new TextDecoder("utf-8", { ignoreBOM: true });
      // A stream is decoded piece by piece: Node's StringDecoder does that at a third of TextDecoder's cost per piece.
      const streamText = parser ? new StringDecoder("utf8") : undefined;
      let bodyText = "";
      let bytes = 0;
      const chunks: Buffer[] = [];

      if (streaming) {
        // A stream gets its own clock: the header timeout ends here, the stream caps take over.
        clearTimeout(headerTimer);
        const caps = limits.stream ?? {};
        const total = caps.totalWithinMs ?? limits.timeoutMs;
        // A case's own stream caps are a judgement on speed (byCap), not the request's timeout running out.
        const byCap = caps.totalWithinMs !== undefined ? { byCap: true } : {};
        timers.push(setTimeout(() => fail({ kind: "timeout", message: `the stream did not end within ${total} ms`, ...byCap }), Math.max(0, total - (performance.now() - started))));
        if (caps.firstEventWithinMs !== undefined) {
          timers.push(setTimeout(() => {
            if (eventCount === 0) fail({ kind: "timeout", message: `no stream event within ${caps.firstEventWithinMs} ms`, byCap: true });
          }, Math.max(0, caps.firstEventWithinMs - (performance.now() - started))));
        }
      }
      const oversize = (): TransportError => ({ kind: "oversize", message: `the response body exceeds the cap of ${limits.maxBodyBytes} bytes` });
      const declared = Number(responseHeaders["content-length"] ?? NaN);
      if (Number.isInteger(declared) && declared > limits.maxBodyBytes) return fail(oversize());

      const onBody = (chunk: Buffer) => {
        if (settled) return;
        bytes += chunk.byteLength;
        if (bytes > limits.maxBodyBytes) return fail(oversize());
        if (!parser) {
          const limit = scanner!.push(chunk);
          if (limit !== undefined) return fail({ kind: "json-limit", message: limit });
          // A plain body is decoded once at the end: no string building per chunk.
          chunks.push(chunk);
          return;
        }
        const atMs = performance.now() - started;
        const piece = streamText!.write(chunk);
        if (keep) bodyText += piece;
        let completed;
        try {
          completed = parser.push(piece);
        } catch (err) {
          if (err instanceof SseCapError) return fail({ kind: "stream-cap", message: err.message });
          throw err;
        }
        for (const ev of completed) {
          const parsed = parseBounded(ev.data, bounds, members);
          if (parsed.limit !== undefined) return fail({ kind: "json-limit", message: parsed.limit });
          if (keep && parsed.error === undefined) members += parsed.members;
          const record = { data: ev.data, event: ev.event, json: parsed.value, atMs };
          eventCount++;
          if (keep) events.push(record);
          if (limits.stream?.maxEvents !== undefined && eventCount > limits.stream.maxEvents) {
            return fail({ kind: "stream-cap", message: `the stream sent more than ${limits.stream.maxEvents} events` });
          }
          limits.onEvent?.(record);
        }
      };
      const onEnd = () => {
        if (settled) return;
        bodyText += streamText ? streamText.end() : text.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        const response: ReceivedResponse = { status, headers: responseHeaders, bodyText, durationMs: performance.now() - started, headersAtMs, receivedAtMs };
        if (parser) {
          response.events = events;
          response.unterminated = parser.end();
        } else if (bodyText.length > 0) {
          // The one parse of the body: the judges, checks and evidence all read response.json.
          try {
            response.json = JSON.parse(bodyText);
          } catch (err) {
            response.jsonError = (err as Error).message;
          }
        } else response.jsonError = "empty body";
        settle({ response });
      };

      const codings = contentCodings(responseHeaders["content-encoding"]);
      if (codings === undefined) {
        res.on("data", onBody);
        res.on("end", onEnd);
        return;
      }
      // Decoded as it arrives, so that the caps see decoded bytes and a compressed stream still streams.
      // The decoders are made at the first byte: an empty body says gzip but holds no gzip data. A few
      // kilobytes can inflate to gigabytes: the compressed input is fed under back-pressure (the socket
      // pauses while the decoders are full), and the decoders are destroyed when the request settles, so
      // that nothing goes on inflating past the cap.
      let decoder: ReturnType<typeof decoderChain> | undefined;
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        if (!decoder) {
          const chain = decoderChain(codings, (err) => fail({ kind: "protocol", message: `the ${codings.join(", ")} response body cannot be decoded: ${err.message}` }));
          decoder = chain;
          chain.last.on("data", onBody);
          chain.last.on("end", onEnd);
          cleanups.push(() => chain.all.forEach((d) => d.destroy()));
        }
        if (!decoder.first.write(chunk)) {
          res.pause();
          decoder.first.once("drain", () => res.resume());
        }
      });
      res.on("end", () => (decoder ? decoder.first.end() : onEnd()));
    };

    dispatch(prepared, req.method, onResponse, fail, () => settled, (r) => (current = r), limits.mayResend);
  });
}

/**
 * For `mayResend`: whether `url` (a GET the target answers cheaply, e.g. its model list) gets any HTTP
 * answer within `timeoutMs`. A target that answers did not die on the request whose connection closed.
 */
export function answersGet(url: string, headers: Record<string, string> = {}, timeoutMs = 5_000): () => Promise<boolean> {
  return async () => (await sendRequest({ method: "GET", url, headers }, { timeoutMs, maxBodyBytes: 1 << 20 })).response !== undefined;
}

/** Response headers by lowercase name; repeated headers joined with ", ", as fetch's Headers does. */
function headersOf(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    headers[name] = headers[name] === undefined ? raw[i + 1] : `${headers[name]}, ${raw[i + 1]}`;
  }
  return headers;
}

/** Says in words what a socket or parser error means. */
export function classify(err: unknown): TransportError {
  const e = err as { code?: string; message?: string; errors?: { message?: string }[] };
  const code = e?.code ?? "";
  // Connecting to a name with several addresses fails with an AggregateError whose own message is empty.
  const detail = e?.message || e?.errors?.map((x) => x.message).join("; ") || String(err);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "EAI_AGAIN") return { kind: "connect", message: `cannot connect: ${detail}` };
  // UND_ERR_SOCKET: undici's (pooled.ts) word for a connection the other side closed.
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET") return { kind: "reset", message: `the connection was closed or reset: ${detail}` };
  if (code === "UND_ERR_CONNECT_TIMEOUT") return { kind: "connect", message: `cannot connect: ${detail}` };
  if (code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" || code === "UND_ERR_HEADERS_OVERFLOW") return { kind: "protocol", message: `not a valid HTTP response: ${detail}` };
  if (code.startsWith("HPE_")) return { kind: "protocol", message: `not a valid HTTP response: ${detail}` };
  return { kind: "reset", message: `the request failed: ${detail}${code ? ` (${code})` : ""}` };
}

export interface OpenLimits {
  /** Until the response headers arrive. */
  timeoutMs: number;
  /** Longest silence between two pieces of the body once it has started. */
  idleTimeoutMs: number;
  /** Cap on the decoded body. */
  maxBodyBytes: number;
  signal?: AbortSignal;
  /** As HttpLimits.mayResend. */
  mayResend?: () => Promise<boolean>;
}

/** A response whose body is read by the caller, piece by piece, at the caller's pace. */
export interface OpenResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * The decoded body. Reading is pulled, so a slow reader slows the sender (back-pressure). Iteration ends
   * early, without throwing, on a transport failure, a cap or close(); `failure()` then says why.
   */
  body: AsyncIterable<Buffer>;
  failure(): TransportError | undefined;
  /** Abandons the response and its connection (the reader has gone away). */
  close(): void;
}

/**
 * The streaming sibling of sendRequest, for a proxy that relays a body as it arrives (lis adapt): the same
 * defences (no redirect followed, decoded-size cap, timeouts, every failure a TransportError), but the body
 * is handed over piece by piece instead of being collected, and the clock is per piece (an idle timeout),
 * since a long generation may stream for minutes.
 */
export function openResponse(req: OutgoingRequest, limits: OpenLimits): Promise<{ response: OpenResponse; error?: undefined } | { response?: undefined; error: TransportError }> {
  const prepared = prepare(req, limits.signal);
  if (!("transport" in prepared)) return Promise.resolve({ error: prepared });

  return new Promise((resolve) => {
    let failure: TransportError | undefined;
    let request: ClientRequest | undefined;
    let timer: NodeJS.Timeout | undefined;
    let answered = false;
    const fail = (error: TransportError) => {
      failure ??= error;
      clearTimeout(timer);
      request?.destroy();
      if (!answered) {
        answered = true;
        resolve({ error: failure });
      }
    };
    const onAbort = () => fail(abortedBy(limits.signal));
    limits.signal?.addEventListener("abort", onAbort, { once: true });
    const arm = (ms: number, message: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail({ kind: "timeout", message }), ms);
    };
    arm(limits.timeoutMs, `no response headers within ${limits.timeoutMs} ms`);

    const onResponse = (res: IncomingMessage) => {
      const responseHeaders = headersOf(res.rawHeaders);
      const declared = Number(responseHeaders["content-length"] ?? NaN);
      if (Number.isInteger(declared) && declared > limits.maxBodyBytes) return fail({ kind: "oversize", message: `the response body exceeds the cap of ${limits.maxBodyBytes} bytes` });
      const codings = contentCodings(responseHeaders["content-encoding"]);
      let source: NodeJS.ReadableStream = res;
      if (codings) {
        const chain = decoderChain(codings, (err) => fail({ kind: "protocol", message: `the ${codings.join(", ")} response body cannot be decoded: ${err.message}` }));
        res.pipe(chain.first);
        source = chain.last;
      }
      arm(limits.idleTimeoutMs, `the response body stalled for ${limits.idleTimeoutMs} ms`);
      async function* pieces(): AsyncGenerator<Buffer> {
        let bytes = 0;
        try {
          for await (const piece of source as AsyncIterable<Buffer>) {
            if (failure) return;
            bytes += piece.byteLength;
            if (bytes > limits.maxBodyBytes) return fail({ kind: "oversize", message: `the response body exceeds the cap of ${limits.maxBodyBytes} bytes` });
            arm(limits.idleTimeoutMs, `the response body stalled for ${limits.idleTimeoutMs} ms`);
            yield piece;
          }
          if (!res.complete && !failure) fail({ kind: "reset", message: "the connection was closed before the response was complete" });
        } catch (err) {
          if (!failure) fail(classify(err));
        } finally {
          clearTimeout(timer);
          limits.signal?.removeEventListener("abort", onAbort);
        }
      }
      answered = true;
      resolve({
        response: {
          status: res.statusCode ?? 0,
          headers: responseHeaders,
          body: pieces(),
          failure: () => failure,
          close: () => {
            failure ??= { kind: "reset", message: "closed by the reader" };
            clearTimeout(timer);
            request?.destroy();
          },
        },
      });
    };

    dispatch(prepared, req.method, onResponse, fail, () => failure !== undefined, (r) => (request = r), limits.mayResend);
  });
}
