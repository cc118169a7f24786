/**
 * The proxy's leg to the upstream server, through the shared HTTP edge (tools/http/client.ts): no redirect
 * followed, timeouts, a size cap on what is read. The upstream key is the proxy's own (--upstream-key);
 * the client's key is sent only when the operator says so (--forward-key).
 */
import { answersGet, openResponse, sendRequest, type HttpOutcome, type OpenResponse, type OutgoingRequest } from "../http/client.js";
import type { TransportError } from "../http/types.js";
import { packageVersion } from "../util/paths.js";
import { badGateway, gatewayTimeout, type ApiError } from "./errors.js";
import type { UpstreamProbe } from "./rule.js";

export interface UpstreamOptions {
  /** The upstream's base URL, ending in /v1. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`. */
  key?: string;
  /** Until the answer's headers (and, for a non-streamed answer, its body). */
  timeoutMs: number;
  /** Longest pause inside a stream. */
  idleTimeoutMs: number;
  maxBodyBytes: number;
}

const USER_AGENT = `lis-adapt/${packageVersion}`;


export class Upstream {
  readonly base: string;
  readonly origin: string;

  constructor(readonly options: UpstreamOptions) {
    this.base = options.baseUrl.replace(/\/+$/, "");
    this.origin = new URL(this.base).origin;
  }

  /**
   * A POST whose kept-alive connection the upstream had closed goes again only when the upstream still
   * answers: one that died on it must not get it twice (and then the client gets a 502).
   */
  private readonly stillThere = () => answersGet(this.url("models"), this.request("GET", "models", undefined, {}).headers)();

  /** A path below the base URL (`chat/completions`), or below the origin when it starts with `/` (`/props`). */
  url(path: string): string {
    return path.startsWith("/") ? `${this.origin}${path}` : `${this.base}/${path}`;
  }

  private request(method: string, path: string, body: unknown, extra: Record<string, string>): OutgoingRequest {
    const headers: Record<string, string> = { "user-agent": USER_AGENT, ...extra };
    if (this.options.key !== undefined && headers.authorization === undefined) headers.authorization = `Bearer ${this.options.key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    return { method, url: this.url(path), headers, body: body === undefined ? undefined : JSON.stringify(body) };
  }

  /** One request whose whole answer is read (non-streamed, within the size cap). */
  send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<HttpOutcome> {
    return sendRequest(this.request(method, path, body, extra), { timeoutMs: this.options.timeoutMs, maxBodyBytes: this.options.maxBodyBytes, mayResend: this.stillThere });
  }

  /** One request whose answer is read piece by piece by the caller (streams). */
  open(method: string, path: string, body: unknown, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<{ response: OpenResponse; error?: undefined } | { response?: undefined; error: TransportError }> {
    return openResponse(this.request(method, path, body, extra), { timeoutMs: this.options.timeoutMs, idleTimeoutMs: this.options.idleTimeoutMs, maxBodyBytes: this.options.maxBodyBytes, signal, mayResend: this.stillThere });
  }

  /** For rules that measure something (a context length, a token count); failures are undefined. */
  readonly probe: UpstreamProbe = {
    json: async (method, path, body) => {
      const { response } = await this.send(method, path, body);
      return response && response.status >= 200 && response.status < 300 ? response.json : undefined;
    },
  };
}

/** The gateway's answer to an upstream that could not be asked: 504 for a timeout, 502 otherwise. */
export function transportFailure(error: TransportError): ApiError {
  return error.kind === "timeout" ? gatewayTimeout(error.message) : badGateway(error.message);
}
