/**
 * A Server-Sent Events parser after the WHATWG event-stream rules: `data:` lines joined by "\n", `event:`,
 * `id:`, comments (":") ignored, an event dispatched on a blank line, CR, LF and CRLF all end a line.
 * Pure and incremental: feed it text in any chunking, it yields the same events.
 *
 * Linear in the text it is fed: each chunk is scanned once, and only the unfinished line is carried over
 * (a server that sends one endless line costs no more than its bytes). Optional caps on the length of a
 * line and of an event's data end the stream as soon as they are passed, without waiting for the line or
 * event to finish: `push` then throws an SseCapError.
 */
export interface SseEvent {
  /** The `event:` field, or "message" when absent. */
  event: string;
  data: string;
  id?: string;
  /** 1-based index of the event in the stream. */
  index: number;
}

export interface SseCaps {
  /** The longest line, in characters (line break excluded). */
  maxLineChars?: number;
  /** The most characters of `data` one event may hold (its data lines joined). */
  maxEventChars?: number;
}

/** A line or event passed its cap: the stream cannot be read within its bounds. */
export class SseCapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SseCapError";
  }
}

export class SseParser {
  /** The unfinished line: text after the last line break seen. */
  private partial = "";
  private data: string[] = [];
  private dataChars = 0;
  private eventType = "";
  private lastId: string | undefined;
  private count = 0;
  private pendingCR = false;
  private readonly maxLine: number;
  private readonly maxEvent: number;

  constructor(caps: SseCaps = {}) {
    this.maxLine = caps.maxLineChars ?? Infinity;
    this.maxEvent = caps.maxEventChars ?? Infinity;
  }

  /** Feeds a chunk of text; returns the events completed by it. Throws SseCapError when a cap is passed. */
  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    // An empty chunk (a decoder holding back half a character) must not forget a pending CR.
    if (chunk === "") return out;
    let start = 0;
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.pendingCR && chunk.charCodeAt(0) === 10) start = 1;
    this.pendingCR = false;
    // Line breaks are found with indexOf, not by visiting each character (lis bench reads tens of thousands
    // of events a second), and only in the new chunk: each search resumes once the line start has passed
    // its last find, so the whole is linear in the text fed.
    let cr = chunk.indexOf("\r", start);
    let lf = chunk.indexOf("\n", start);
    for (;;) {
      if (cr !== -1 && cr < start) cr = chunk.indexOf("\r", start);
      if (lf !== -1 && lf < start) lf = chunk.indexOf("\n", start);
      const i = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (i === -1) break;
      const piece = chunk.slice(start, i);
      const line = this.partial === "" ? piece : this.partial + piece;
      this.partial = "";
      if (line.length > this.maxLine) throw this.lineCap();
      this.line(line, out);
      start = i + 1;
      if (i === cr) {
        if (start === chunk.length) this.pendingCR = true;
        else if (chunk.charCodeAt(start) === 10) start++;
      }
    }
    if (start < chunk.length) {
      this.partial += chunk.slice(start);
      if (this.partial.length > this.maxLine) throw this.lineCap();
    }
    return out;
  }

  /**
   * Ends the stream. An event not closed by a blank line is discarded, as the WHATWG rules say; its text is
   * returned so that a checker can report it (a server that forgot the final blank line).
   */
  end(): string {
    const unterminated = [...this.data, this.partial].filter((s) => s !== "").join("\n");
    this.partial = "";
    this.data = [];
    this.dataChars = 0;
    return unterminated;
  }

  private lineCap(): SseCapError {
    return new SseCapError(`the stream sent a line longer than ${this.maxLine} characters`);
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.data.length > 0) {
        out.push({ event: this.eventType || "message", data: this.data.join("\n"), id: this.lastId, index: ++this.count });
      }
      this.data = [];
      this.dataChars = 0;
      this.eventType = "";
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") {
      this.dataChars += value.length + (this.data.length > 0 ? 1 : 0);
      if (this.dataChars > this.maxEvent) throw new SseCapError(`the stream sent an event with more than ${this.maxEvent} characters of data`);
      this.data.push(value);
    } else if (field === "event") this.eventType = value;
    else if (field === "id" && !value.includes("\0")) this.lastId = value;
    // "retry" and unknown fields are ignored.
  }
}

/** Parses a whole event-stream text at once. */
export function parseSse(text: string): { events: SseEvent[]; unterminated: string } {
  const parser = new SseParser();
  const events = parser.push(text);
  return { events, unterminated: parser.end() };
}
