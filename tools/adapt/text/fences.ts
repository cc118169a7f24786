/**
 * A Markdown code fence around JSON output (STRUCT-008, STRUCT-010): servers that implement JSON mode by
 * prompting return "```json\n{…}\n```". The fence goes; what was inside stays as it was. Pure.
 */
const OPENING = /^\s*```[A-Za-z0-9_-]*[ \t]*\r?\n/;
const CLOSING = /\r?\n?```\s*$/;

/** The text inside a fence that wraps the whole content; the content itself when there is none. */
export function stripFence(content: string): string {
  const open = OPENING.exec(content);
  if (!open) return content;
  return content.slice(open[0].length).replace(CLOSING, "");
}

/** Streaming form: pieces in, the text without the fence out; a possible fence is held back until decided. */
export class FenceStripper {
  private state: "start" | "inside" | "plain" = "start";
  private held = "";

  push(piece: string): string {
    const text = this.held + piece;
    this.held = "";
    if (this.state === "plain") return text;
    if (this.state === "start") {
      const open = OPENING.exec(text);
      if (open) {
        this.state = "inside";
        return this.inside(text.slice(open[0].length));
      }
      // Still possibly the start of a fence ("", whitespace, "`", "```json" without its newline).
      if (/^\s*(`{0,3}[A-Za-z0-9_-]*[ \t]*)?$/.test(text) && !/^\s*[A-Za-z]/.test(text)) {
        this.held = text;
        return "";
      }
      this.state = "plain";
      return text;
    }
    return this.inside(text);
  }

  /** Inside a fence, a tail that may be the closing fence is held back. */
  private inside(text: string): string {
    const m = /\r?\n?`{0,3}\s*$/.exec(text);
    const keep = m && m[0] !== "" ? m[0].length : 0;
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  flush(): string {
    const rest = this.held;
    this.held = "";
    if (this.state === "inside") return rest.replace(CLOSING, "");
    return rest;
  }
}
