/**
 * A JSON writer with the freedoms RFC 8259 leaves to a server: member order, whitespace between tokens and
 * the spelling of numbers. Shared by the variants that re-serialise bodies and stream events.
 */
export interface JsonStyle {
  /** The members of an object in the order to write them. */
  order?: (keys: string[]) => string[];
  /** Pretty-print with this indent (bodies only: a stream event's JSON stays on one line, STREAM-002). */
  indent?: string;
  /** One space after every `:` and `,` (on one line). */
  spaced?: boolean;
  /** The text of a number; `member` is the name of the member it is the value of (or of the array it is in). */
  number?: (n: number, member: string | undefined) => string;
}

export function writeJson(value: unknown, style: JsonStyle, member?: string, depth = 0): string {
  const nl = style.indent !== undefined ? `\n${style.indent.repeat(depth + 1)}` : "";
  const end = style.indent !== undefined ? `\n${style.indent.repeat(depth)}` : "";
  const comma = style.indent !== undefined ? "," : style.spaced ? ", " : ",";
  const colon = style.indent !== undefined || style.spaced ? ": " : ":";
  if (typeof value === "number") return style.number ? style.number(value, member) : JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${nl}${value.map((v) => writeJson(v, style, member, depth + 1)).join(`${comma}${nl}`)}${end}]`;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (keys.length === 0) return "{}";
    const ordered = style.order ? style.order(keys) : keys;
    return `{${nl}${ordered.map((k) => `${JSON.stringify(k)}${colon}${writeJson((value as Record<string, unknown>)[k], style, k, depth + 1)}`).join(`${comma}${nl}`)}${end}}`;
  }
  return JSON.stringify(value);
}

const EVENT = /^data: (\{.*\})\n\n$/s;

/** A stream's `data: {...}` events re-serialised in a style (other frames, such as [DONE], unchanged). */
export const restyleFrames = (style: JsonStyle) => (frames: string[]): string[] =>
  frames.map((f) => {
    const m = EVENT.exec(f);
    return m ? `data: ${writeJson(JSON.parse(m[1]), { ...style, indent: undefined })}\n\n` : f;
  });

/** A JSON body re-serialised in a style (a body that is not JSON is left alone). */
export const restyleText = (style: JsonStyle) => (text: string): string => {
  try {
    return writeJson(JSON.parse(text), style);
  } catch {
    return text;
  }
};
