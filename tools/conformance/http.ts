/**
 * The HTTP edge of the runner, kept thin and defensive: one request with a timeout, a response-size cap,
 * an event-stream reader with event and time caps, and no redirect ever followed (so that credentials
 * never travel to another origin). Every failure becomes a TransportError, never an exception.
 */
import { SseParser } from "../util/sse.js";
import type { ReceivedResponse, StreamEventRecord, TransportError } from "./model.js";

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
}

export type HttpOutcome = { response: ReceivedResponse; error?: undefined } | { response?: undefined; error: TransportError };

const isEventStream = (ct: string | null) => (ct ?? "").split(";")[0].trim().toLowerCase() === "text/event-stream";

export async function sendRequest(req: OutgoingRequest, limits: HttpLimits): Promise<HttpOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  let abortReason: TransportError | undefined;
  const abort = (error: TransportError) => {
    abortReason ??= error;
    controller.abort();
  };
  const onRunAbort = () => abort({ kind: "deadline", message: "the run's deadline passed" });
  if (limits.signal?.aborted) return { error: { kind: "deadline", message: "the run's deadline passed" } };
  limits.signal?.addEventListener("abort", onRunAbort, { once: true });
  let timer: NodeJS.Timeout | undefined = setTimeout(() => abort({ kind: "timeout", message: `no complete response within ${limits.timeoutMs} ms` }), limits.timeoutMs);
  const timers: NodeJS.Timeout[] = [];
  const cleanup = () => {
    clearTimeout(timer);
    timers.forEach(clearTimeout);
    limits.signal?.removeEventListener("abort", onRunAbort);
  };

  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as BodyInit | undefined,
      redirect: "manual",
      signal: controller.signal,
    });
    const receivedAtMs = Date.now();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const streaming = isEventStream(res.headers.get("content-type")) || (limits.expectStream === true && res.status >= 200 && res.status < 300);
    const events: StreamEventRecord[] = [];
    const parser = streaming ? new SseParser() : undefined;
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    let bodyText = "";
    let bytes = 0;
    const chunks: Uint8Array[] = [];

    if (streaming) {
      // A stream gets its own clock: the header timeout ends here, the stream caps take over.
      clearTimeout(timer);
      timer = undefined;
      const caps = limits.stream ?? {};
      const total = caps.totalWithinMs ?? limits.timeoutMs;
      timers.push(setTimeout(() => abort({ kind: "timeout", message: `the stream did not end within ${total} ms` }), Math.max(0, total - (performance.now() - started))));
      if (caps.firstEventWithinMs !== undefined) {
        timers.push(setTimeout(() => {
          if (events.length === 0) abort({ kind: "timeout", message: `no stream event within ${caps.firstEventWithinMs} ms` });
        }, Math.max(0, caps.firstEventWithinMs - (performance.now() - started))));
      }
    }

    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (res.body && !streaming && Number.isInteger(declared) && declared <= limits.maxBodyBytes) {
      // A body of declared, acceptable length is read in one go (the fast path of fetch); the timeout still
      // applies, and a server that sends more than it declared is cut off by the HTTP parser.
      const bytesRead = new Uint8Array(await res.arrayBuffer());
      chunks.push(bytesRead);
      bytes = bytesRead.byteLength;
    } else if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.byteLength;
          if (bytes > limits.maxBodyBytes) {
            abort({ kind: "oversize", message: `the response body exceeds the cap of ${limits.maxBodyBytes} bytes` });
            break;
          }
          if (!parser) {
            // A plain body is decoded once at the end: no string building per chunk.
            chunks.push(value);
            continue;
          }
          const text = decoder.decode(value, { stream: true });
          bodyText += text;
          {
            const atMs = performance.now() - started;
            for (const ev of parser.push(text)) {
              events.push({ data: ev.data, event: ev.event, json: parseJson(ev.data), atMs });
              if (limits.stream?.maxEvents !== undefined && events.length > limits.stream.maxEvents) {
                abort({ kind: "stream-cap", message: `the stream sent more than ${limits.stream.maxEvents} events` });
                break;
              }
            }
            if (abortReason) break;
          }
        }
      } finally {
        reader.cancel().catch(() => {});
      }
      if (abortReason) return { error: abortReason };
    }
    bodyText += parser ? decoder.decode() : decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    const response: ReceivedResponse = { status: res.status, headers, bodyText, durationMs: performance.now() - started, receivedAtMs };
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
    return { response };
  } catch (err) {
    if (abortReason) return { error: abortReason };
    return { error: classify(err) };
  } finally {
    cleanup();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fetch's errors carry the socket error in `cause`; say in words what happened. */
export function classify(err: unknown): TransportError {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? "";
  const detail = cause?.message ?? (err as Error)?.message ?? String(err);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "EAI_AGAIN") return { kind: "connect", message: `cannot connect: ${detail}` };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") return { kind: "reset", message: `the connection was closed or reset: ${detail}` };
  if (code.startsWith("HPE_") || code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" || code === "UND_ERR_INFO") return { kind: "protocol", message: `not a valid HTTP response: ${detail}` };
  return { kind: "reset", message: `the request failed: ${detail}${code ? ` (${code})` : ""}` };
}
