/**
 * Stop strings applied by the proxy itself (CHAT-017, STREAM-020): an upstream that keeps the stop string,
 * stops at token granularity or leaks the start of a multi-token stop string while streaming is cut back
 * to the text before the first occurrence. Pure.
 */

/** Index of the earliest occurrence of any stop string in `text`, or -1. */
export function firstStop(text: string, stops: readonly string[]): number {
  let cut = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i !== -1 && (cut === -1 || i < cut)) cut = i;
  }
  return cut;
}

/** The text before the first stop string, and whether one was found. */
export function truncateAtStop(text: string, stops: readonly string[]): { text: string; stopped: boolean } {
  const cut = stops.length === 0 ? -1 : firstStop(text, stops);
  return cut === -1 ? { text, stopped: false } : { text: text.slice(0, cut), stopped: true };
}

/**
 * Streaming form: text goes in piece by piece; what comes out never contains a stop string, and text that
 * might be the beginning of one is held back until the next piece decides.
 */
export class StopScanner {
  private held = "";
  stopped = false;

  constructor(private readonly stops: readonly string[]) {}

  /** The part of `piece` (with anything held back) that is safe to send now. */
  push(piece: string): string {
    if (this.stopped) return "";
    const text = this.held + piece;
    const cut = firstStop(text, this.stops);
    if (cut !== -1) {
      this.stopped = true;
      this.held = "";
      return text.slice(0, cut);
    }
    const keep = this.partialSuffix(text);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** At the end of the choice: what was held back turned out not to be a stop string. */
  flush(): string {
    const rest = this.stopped ? "" : this.held;
    this.held = "";
    return rest;
  }

  /** Length of the longest suffix of `text` that is a proper prefix of some stop string. */
  private partialSuffix(text: string): number {
    let longest = 0;
    for (const s of this.stops) {
      for (let n = Math.min(s.length - 1, text.length); n > longest; n--) {
        if (text.endsWith(s.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
