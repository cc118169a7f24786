/**
 * A Server-Sent Events parser after the WHATWG event-stream rules: `data:` lines joined by "\n", `event:`,
 * `id:`, comments (":") ignored, an event dispatched on a blank line, CR, LF and CRLF all end a line.
 * Pure and incremental: feed it text in any chunking, it yields the same events.
 */
export interface SseEvent {
  /** The `event:` field, or "message" when absent. */
  event: string;
  data: string;
  id?: string;
  /** 1-based index of the event in the stream. */
  index: number;
}

export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private eventType = "";
  private lastId: string | undefined;
  private count = 0;
  private pendingCR = false;

  /** Feeds a chunk of text; returns the events completed by it. */
  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    // An empty chunk (a decoder holding back half a character) must not forget a pending CR.
    if (chunk === "") return out;
    let text = chunk;
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.pendingCR && text.startsWith("\n")) text = text.slice(1);
    this.pendingCR = false;
    this.buffer += text;
    // Line breaks are found with indexOf, not by visiting each character: lis bench reads tens of
    // thousands of events a second, and this loop was most of its client CPU (bench/bench.mjs).
    const buf = this.buffer;
    let start = 0;
    let cr = buf.indexOf("\r");
    let lf = buf.indexOf("\n");
    for (;;) {
      // Each search resumes only once the line start has passed its last find: linear in the chunk.
      if (cr !== -1 && cr < start) cr = buf.indexOf("\r", start);
      if (lf !== -1 && lf < start) lf = buf.indexOf("\n", start);
      const i = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (i === -1) break;
      this.line(buf.slice(start, i), out);
      start = i + 1;
      if (i === cr) {
        if (start === buf.length) this.pendingCR = true;
        else if (buf.charCodeAt(start) === 10) start++;
      }
    }
    this.buffer = buf.slice(start);
    return out;
  }

  /**
   * Ends the stream. An event not closed by a blank line is discarded, as the WHATWG rules say; its text is
   * returned so that a checker can report it (a server that forgot the final blank line).
   */
  end(): string {
    const unterminated = [...this.data, this.buffer].filter((s) => s !== "").join("\n");
    this.buffer = "";
    this.data = [];
    return unterminated;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.data.length > 0) {
        out.push({ event: this.eventType || "message", data: this.data.join("\n"), id: this.lastId, index: ++this.count });
      }
      this.data = [];
      this.eventType = "";
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.eventType = value;
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
