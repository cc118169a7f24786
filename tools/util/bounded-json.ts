/**
 * JSON.parse with bounds on what a hostile text can make it build. JSON.parse itself is not the danger (V8's
 * parser is iterative): the danger is what comes after. A 2 MB text of nested arrays becomes a million
 * nested arrays that every recursive consumer (schema validation, path queries, stringifying evidence)
 * walks until it runs out of stack or memory; an 8 MB object with half a million distinct keys costs
 * half a second and tens of megabytes to build, per response. So the text is scanned first, in one linear
 * pass that builds nothing: nesting deeper than `maxDepth`, or more than `maxMembers` object members, and
 * the text is refused unparsed. Pure.
 */
export interface JsonBounds {
  /** The deepest nesting of arrays and objects accepted (the top-level value is depth 1). */
  maxDepth: number;
  /** The most object members accepted, all objects counted together. */
  maxMembers: number;
}

/** Far beyond any response of the standard: a list of 1,000 models with 20 members each has 20,000. */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxDepth: 64, maxMembers: 100_000 };

export type BoundedParse =
  | { value: unknown; members: number; error?: undefined; limit?: undefined }
  /** Not JSON: the parser's message. */
  | { error: string; value?: undefined; limit?: undefined }
  /** Over a bound: what was exceeded, in words; nothing was parsed. */
  | { limit: string; value?: undefined; error?: undefined };

// What each byte is to the scan; most bytes are nothing, and a table lookup skips them fastest.
const QUOTE = 1;
const BACKSLASH = 2;
const OPEN = 3;
const CLOSE = 4;
const COLON = 5;
const CLASS = new Uint8Array(256);
CLASS[0x22] = QUOTE;
CLASS[0x5c] = BACKSLASH;
CLASS[0x5b] = CLASS[0x7b] = OPEN;
CLASS[0x5d] = CLASS[0x7d] = CLOSE;
CLASS[0x3a] = COLON;

/**
 * Whether a JSON text is within the bounds, without parsing it: one pass over the UTF-8 bytes (about 2 ns a
 * byte; the bytes it looks for never occur inside a multi-byte character) that stops at the first level or
 * member too many (every `:` outside a string separates a member's name from its value). Fed in pieces, as
 * a body arrives, so that a body out of bounds is refused as soon as that is seen, not when it ends.
 * Malformed text is scanned all the same; JSON.parse then says what is wrong.
 */
export class JsonBoundsScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Object members seen so far, with `membersBefore` (spent by earlier parts of the same response). */
  members: number;

  constructor(
    private readonly bounds: JsonBounds,
    membersBefore = 0,
  ) {
    this.members = membersBefore;
  }

  /** Scans the next bytes; once a bound is passed, returns what was exceeded, in words. */
  push(bytes: Uint8Array): string | undefined {
    const { maxDepth, maxMembers } = this.bounds;
    let { depth, inString, escaped, members } = this;
    let limit: string | undefined;
    for (let i = 0, n = bytes.length; i < n; i++) {
      const c = CLASS[bytes[i]];
      if (c === 0) escaped = false;
      else if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN) {
        if (++depth > maxDepth) {
          limit = `the response is nested deeper than ${maxDepth} levels (--max-depth)`;
          break;
        }
      } else if (c === CLOSE) depth--;
      else if (c === COLON && ++members > maxMembers) {
        limit = `the response has more than ${maxMembers} object members`;
        break;
      }
    }
    Object.assign(this, { depth, inString, escaped, members });
    return limit;
  }
}

/** How many times `ch` occurs in `text`, counting no further than one past `limit`. */
function countUpTo(text: string, ch: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1 && n <= limit; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The scan of a whole text (see JsonBoundsScanner); `members` counts this text's own. A string (a
 * stream's event) is first checked by a few native searches, which prove most texts far inside both
 * bounds at a fraction of a scan's cost: each level of nesting needs an opening bracket and each member a
 * colon. `members` is then the count of colons, an upper bound (a colon inside a string counts too).
 */
export function withinBounds(text: Uint8Array | string, bounds: JsonBounds, membersBefore = 0): { limit?: string; members: number } {
  const budget = bounds.maxMembers - membersBefore;
  if (typeof text === "string") {
    const colons = countUpTo(text, ":", budget);
    if (colons <= budget && countUpTo(text, "{", bounds.maxDepth) + countUpTo(text, "[", bounds.maxDepth) <= bounds.maxDepth) return { members: colons };
  }
  const scanner = new JsonBoundsScanner(bounds, membersBefore);
  // Bytes scan several times faster than a string's char codes: a string (an event's data, small) is encoded first.
  const limit = scanner.push(typeof text === "string" ? Buffer.from(text, "utf8") : text);
  return { ...(limit !== undefined ? { limit } : {}), members: scanner.members - membersBefore };
}

/** Parses `text` when it is within the bounds (see withinBounds); nothing is parsed when it is not. */
export function parseBounded(text: string, bounds: JsonBounds, membersBefore = 0): BoundedParse {
  const shape = withinBounds(text, bounds, membersBefore);
  if (shape.limit !== undefined) return { limit: shape.limit };
  try {
    return { value: JSON.parse(text), members: shape.members };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
