import type { ServerResponse } from "node:http";

/**
 * Writes a `text/event-stream` response event by event, honouring back-pressure, and stopping quietly when the client has gone away.
 */
export class SseWriter {
  private closed = false;

  constructor(private readonly res: ServerResponse) {
    res.once("close", () => (this.closed = true));
  }

  get clientGone(): boolean {
    return this.closed || this.res.destroyed;
  }

  /** Writes one serialised event (`data: ...\n\n`), or a piece of one; resolves when it may write again. */
  async write(frame: string | Buffer): Promise<void> {
    if (this.clientGone) return;
    if (!this.res.write(frame)) await this.drained();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off("drain", done);
        this.res.off("close", done);
        resolve();
      };
      this.res.once("drain", done);
      this.res.once("close", done);
    });
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }
}
