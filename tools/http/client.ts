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
import type { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { SseParser } from "../util/sse.js";
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
}

export interface HttpLimits {
  /** Until the response headers arrive, and for a non-stream until the body is read. */
  timeoutMs: number;
  maxBodyBytes: number;
  /** Read the body as an event stream when the response says text/event-stream or `expectStream` is set. */
  expectStream?: boolean;
  stream?: StreamCaps;
  /** The run's deadline: aborts everything in flight. */
  signal?: AbortSignal;
  /**
   * For a stream: called with each event as soon as it is parsed, stamped (`atMs`) at the arrival of the
   * bytes that completed it — what lis bench measures.
   */
  onEvent?: (event: StreamEventRecord) => void;
  /** For a stream: keep its events and body text in the response (default true); false keeps memory flat however long the stream. */
  keepStream?: boolean;
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

const isEventStream = (ct: string | undefined) => (ct ?? "").split(";")[0].trim().toLowerCase() === "text/event-stream";
const DEADLINE: TransportError = { kind: "deadline", message: "the run's deadline passed" };

export function sendRequest(req: OutgoingRequest, limits: HttpLimits): Promise<HttpOutcome> {
  if (limits.signal?.aborted) return Promise.resolve({ error: DEADLINE });
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve({ error: { kind: "connect", message: `not a valid URL: ${req.url}` } });
  }
  const transport = transportFor(url);
  if (!transport) return Promise.resolve({ error: { kind: "connect", message: `not an http or https URL: ${req.url}` } });
  const body = typeof req.body === "string" ? Buffer.from(req.body, "utf8") : req.body;
  const headers = { ...CLIENT_DEFAULTS, ...req.headers };
  if (body !== undefined && headers["content-length"] === undefined) headers["content-length"] = String(body.byteLength);

  return new Promise<HttpOutcome>((resolve) => {
    const started = performance.now();
    let settled = false;
    let current: ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      limits.signal?.removeEventListener("abort", onRunAbort);
      // A half-read response leaves its connection unusable: close it rather than return it to the pool.
      if (outcome.error) current?.destroy();
      resolve(outcome);
    };
    const fail = (error: TransportError) => settle({ error });
    const onRunAbort = () => fail(DEADLINE);
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
      const parser = streaming ? new SseParser() : undefined;
      const keep = limits.keepStream !== false;
      let eventCount = 0;
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
        timers.push(setTimeout(() => fail({ kind: "timeout", message: `the stream did not end within ${total} ms` }), Math.max(0, total - (performance.now() - started))));
        if (caps.firstEventWithinMs !== undefined) {
          timers.push(setTimeout(() => {
            if (eventCount === 0) fail({ kind: "timeout", message: `no stream event within ${caps.firstEventWithinMs} ms` });
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
          // A plain body is decoded once at the end: no string building per chunk.
          chunks.push(chunk);
          return;
        }
        const atMs = performance.now() - started;
        const piece = streamText!.write(chunk);
        if (keep) bodyText += piece;
        for (const ev of parser.push(piece)) {
          const record = { data: ev.data, event: ev.event, json: parseJson(ev.data), atMs };
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
      // The decoders are made at the first byte: an empty body says gzip but holds no gzip data.
      let decoder: { first: Transform; last: Transform } | undefined;
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        if (!decoder) {
          decoder = decoderChain(codings, (err) => fail({ kind: "protocol", message: `the ${codings.join(", ")} response body cannot be decoded: ${err.message}` }));
          decoder.last.on("data", onBody);
          decoder.last.on("end", onEnd);
        }
        decoder.first.write(chunk);
      });
      res.on("end", () => (decoder ? decoder.first.end() : onEnd()));
    };

    // A kept-alive connection the server has just closed fails a request that never reached it; Node's
    // documented remedy is to send it once more, on a fresh connection.
    const send = (mayRetry: boolean) => {
      let responded = false;
      // The retry goes on a connection of its own: the pool's next idle one may have been closed as well.
      const request = transport.request(url, { method: req.method, headers, agent: mayRetry ? transport.agent : false }, (res) => {
        responded = true;
        onResponse(res);
      });
      current = request;
      request.on("error", (err: NodeJS.ErrnoException) => {
        if (settled) return;
        if (mayRetry && !responded && request.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) return send(false);
        fail(classify(err));
      });
      request.end(body);
    };
    try {
      send(true);
    } catch (err) {
      // node:http refuses some requests before sending them, e.g. a header value with a control character.
      fail({ kind: "protocol", message: `the request cannot be sent: ${(err as Error).message}` });
    }
  });
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

/** The codings to undo, outermost first; undefined when there is nothing (or nothing known) to decode. */
function contentCodings(header: string | undefined): string[] | undefined {
  if (!header) return undefined;
  const codings = header
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity")
    .reverse();
  // An unknown coding is passed through undecoded, as fetch does; the judges then see the bytes as sent.
  if (codings.length === 0 || codings.some((c) => !["gzip", "x-gzip", "deflate", "br"].includes(c))) return undefined;
  return codings;
}

function decoderChain(codings: string[], onError: (err: Error) => void): { first: Transform; last: Transform } {
  const zlib = process.getBuiltinModule("node:zlib");
  // Servers flush compressed streams in pieces; decoders must not treat a short piece as an error.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const streams = codings.map((c) =>
    c === "br"
      ? zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })
      : c === "deflate"
        ? zlib.createInflate(flush)
        : zlib.createGunzip(flush),
  );
  for (const s of streams) s.on("error", onError);
  for (let i = 1; i < streams.length; i++) streams[i - 1].pipe(streams[i]);
  return { first: streams[0], last: streams[streams.length - 1] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Says in words what a socket or parser error means. */
export function classify(err: unknown): TransportError {
  const e = err as { code?: string; message?: string; errors?: { message?: string }[] };
  const code = e?.code ?? "";
  // Connecting to a name with several addresses fails with an AggregateError whose own message is empty.
  const detail = e?.message || e?.errors?.map((x) => x.message).join("; ") || String(err);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "EAI_AGAIN") return { kind: "connect", message: `cannot connect: ${detail}` };
  if (code === "ECONNRESET" || code === "EPIPE") return { kind: "reset", message: `the connection was closed or reset: ${detail}` };
  if (code.startsWith("HPE_")) return { kind: "protocol", message: `not a valid HTTP response: ${detail}` };
  return { kind: "reset", message: `the request failed: ${detail}${code ? ` (${code})` : ""}` };
}
