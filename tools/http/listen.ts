/**
 * What the project's HTTP servers (lis serve, lis adapt) share around their handlers: answering bytes that
 * are not HTTP, listening, the base URL they announce, a graceful close, and the usage errors a port or host
 * that cannot be bound turns into.
 */
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { EXIT, LisError } from "../util/errors.js";

/** How long close() lets in-flight requests finish before cutting their connections. */
const SHUTDOWN_GRACE_MS = 5000;

export interface Listening {
  /** The base URL, ending in /v1. */
  url: string;
  close(): Promise<void>;
}

/** Malformed requests get a plain 400 and the connection closed, instead of a reset. */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (_err, socket: Socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
}

/** Listens on host:port (0 = any free port); resolves with the base URL and a graceful close. */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => reject(err));
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${bound}/v1`,
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

/** A failure to listen as the usage error that says how to fix it; anything else is rethrown. */
export function listenError(err: unknown, port: number, host: string): never {
  if (err instanceof LisError) throw err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === "EADDRINUSE") throw new LisError(`port ${port} on ${host} is in use; pick another with --port (0 = any free port)`, EXIT.USAGE);
  if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND") throw new LisError(`cannot bind to host '${host}': ${e.message}`, EXIT.USAGE);
  if (e.code === "EACCES") throw new LisError(`no permission to listen on port ${port}; use a port above 1023`, EXIT.USAGE);
  throw err;
}
