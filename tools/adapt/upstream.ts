/**
 * The proxy's leg to the upstream server, through a pool of kept-alive connections (tools/http/pooled.ts):
 * no redirect followed, timeouts, a size cap on what is read. The upstream key is the proxy's own
 * (--upstream-key); the client's key is sent only when the operator says so (--forward-key).
 */
import type { HttpOutcome, OpenResponse } from "../http/client.js";
import { PooledClient, type PooledRequest } from "../http/pooled.js";
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
  /** The base URL's path (`/v1`), which paths below it extend. */
  private readonly basePath: string;
  private readonly client: PooledClient;

  constructor(readonly options: UpstreamOptions) {
    const url = new URL(options.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.client = new PooledClient(url.origin);
  }

  /**
   * A POST whose kept-alive connection the upstream had closed goes again only when the upstream still
   * answers: one that died on it must not get it twice (and then the client gets a 502).
   */
  private readonly stillThere = async () => (await this.send("GET", "models", undefined, {}, { timeoutMs: 5_000, resend: false })).response !== undefined;

  /** A path below the base URL (`chat/completions`), or below the origin when it starts with `/` (`/props`). */
  private path(path: string): string {
    return path.startsWith("/") ? path : `${this.basePath}/${path}`;
  }

  private request(method: string, path: string, body: unknown, extra: Record<string, string>): PooledRequest {
    // No compression: the upstream sits next to the proxy, and a coded answer costs both sides CPU (one
    // that compresses all the same is decoded).
    const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: "*/*", "accept-encoding": "identity", ...extra };
    if (this.options.key !== undefined && headers.authorization === undefined) headers.authorization = `Bearer ${this.options.key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    return { method, path: this.path(path), headers, body: body === undefined ? undefined : JSON.stringify(body) };
  }

  /** One request whose whole answer is read (non-streamed, within the size cap). */
  send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}, how: { timeoutMs?: number; resend?: boolean } = {}): Promise<HttpOutcome> {
    return this.client.send(this.request(method, path, body, extra), { timeoutMs: how.timeoutMs ?? this.options.timeoutMs, maxBodyBytes: this.options.maxBodyBytes, mayResend: how.resend === false ? undefined : this.stillThere });
  }

  /** One request whose answer is read piece by piece by the caller (streams). */
  open(method: string, path: string, body: unknown, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<{ response: OpenResponse; error?: undefined } | { response?: undefined; error: TransportError }> {
    return this.client.open(this.request(method, path, body, extra), { timeoutMs: this.options.timeoutMs, idleTimeoutMs: this.options.idleTimeoutMs, maxBodyBytes: this.options.maxBodyBytes, signal, mayResend: this.stillThere });
  }

  /** Closes the kept-alive connections. */
  close(): Promise<void> {
    return this.client.close();
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
