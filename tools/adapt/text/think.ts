/**
 * Reasoning markup in `content` (CHAT-043, REASON-003): servers without a reasoning parser pass a model's
 * scratchpad through as `<think>…</think>` at the start of the answer. The proxy moves it out: the text
 * between the tags becomes reasoning, the tags and the newlines the template puts after `</think>` go.
 * Pure.
 */
export const OPEN = "<think>";
export const CLOSE = "</think>";

/** Splits a whole content string: reasoning (undefined when there was no block) and the answer. */
export function splitThink(content: string): { reasoning?: string; content: string } {
  const start = leadingSpace(content);
  if (!content.startsWith(OPEN, start)) return { content };
  const end = content.indexOf(CLOSE, start + OPEN.length);
  // An unclosed block: the answer never began (a choice cut while reasoning, REASON-006).
  if (end === -1) return { reasoning: meaningful(content.slice(start + OPEN.length)), content: "" };
  return { reasoning: meaningful(content.slice(start + OPEN.length, end)), content: stripNewlines(content.slice(end + CLOSE.length)) };
}

const leadingSpace = (s: string) => s.length - s.trimStart().length;
/** A block of only whitespace (a template's empty `<think>\n\n</think>`) holds no reasoning. */
const meaningful = (s: string) => (s.trim() === "" ? "" : s);
const stripNewlines = (s: string) => s.replace(/^(\r?\n)+/, "");

/**
 * Streaming form: content pieces go in, and each push returns the reasoning and the answer text it
 * completes. Text that may still turn out to be a tag is held back until the next piece decides.
 */
export class ThinkSplitter {
  private state: "start" | "reasoning" | "after" | "answer" = "start";
  private held = "";
  /** While the reasoning so far is only whitespace, that whitespace (held back: an empty block says nothing); undefined once it has said something. */
  private blank: string | undefined = "";

  push(piece: string): { reasoning: string; content: string } {
    let text = this.held + piece;
    this.held = "";
    let reasoning = "";
    let content = "";
    for (;;) {
      if (this.state === "start") {
        const trimmed = text.trimStart();
        if (trimmed.startsWith(OPEN)) {
          this.state = "reasoning";
          text = trimmed.slice(OPEN.length);
          continue;
        }
        if (OPEN.startsWith(trimmed)) {
          this.held = text; // whitespace, or a prefix of <think>: undecided
          break;
        }
        this.state = "answer";
        continue;
      }
      if (this.state === "reasoning") {
        const end = text.indexOf(CLOSE);
        const keep = end !== -1 ? 0 : partialSuffix(text, CLOSE);
        reasoning += this.reason(text.slice(0, end !== -1 ? end : text.length - keep));
        if (end !== -1) {
          text = text.slice(end + CLOSE.length);
          this.state = "after";
          continue;
        }
        this.held = text.slice(text.length - keep);
        break;
      }
      if (this.state === "after") {
        // Newlines right after </think> belong to the markup; a piece of only newlines decides nothing.
        const rest = text.replace(/^[\r\n]+/, "");
        if (rest === "") break;
        text = rest;
        this.state = "answer";
        continue;
      }
      content += text;
      break;
    }
    return { reasoning, content };
  }

  /** Reasoning text, unless it is whitespace before any reasoning was said. */
  private reason(text: string): string {
    if (this.blank === undefined) return text;
    if ((this.blank + text).trim() === "") {
      this.blank += text;
      return "";
    }
    const out = this.blank + text;
    this.blank = undefined;
    return out;
  }

  /** At the end of the choice: text held back that never became a tag. */
  flush(): { reasoning: string; content: string } {
    const held = this.held;
    this.held = "";
    if (this.state === "reasoning") return { reasoning: this.reason(held), content: "" };
    return { reasoning: "", content: this.state === "start" || this.state === "answer" ? held : "" };
  }
}

function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (text.endsWith(tag.slice(0, n))) return n;
  return 0;
}
