/** What the shared HTTP edge (client.ts) returns: a response read within its caps, or a transport error. */

export interface StreamEventRecord {
  data: string;
  event: string;
  /** data parsed as JSON, or undefined when it is not JSON. */
  json?: unknown;
  /** Milliseconds after the request was sent. */
  atMs: number;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed JSON body; undefined when not JSON (see jsonError). */
  json?: unknown;
  jsonError?: string;
  /** Present when the body was read as an event stream. */
  events?: StreamEventRecord[];
  /** Text after the last complete event (a stream that did not end with a blank line). */
  unterminated?: string;
  durationMs: number;
  /** When the response headers arrived, in ms after the request was sent (the clock of the events' atMs). */
  headersAtMs?: number;
  /** Wall-clock time (epoch ms) when the response headers arrived, for checks on timestamps. */
  receivedAtMs: number;
}

/** A transport-level outcome: the runner could not judge the response. */
export interface TransportError {
  /**
   * json-limit: a JSON body or event nested too deeply or with too many members (util/bounded-json.ts);
   * aborted: the caller ended the request before its outcome (the run stopped: target down, interrupted).
   */
  kind: "connect" | "reset" | "timeout" | "oversize" | "stream-cap" | "json-limit" | "deadline" | "aborted" | "protocol";
  message: string;
  /** A timeout set by a stream cap of the request's own (first event, whole stream), not its timeout. */
  byCap?: boolean;
}
