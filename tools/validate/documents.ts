/**
 * Pure core of `lis validate`: turns the text of a JSON document, a JSONL file, a captured SSE stream or a
 * raw HTTP capture (`curl -i`) into the JSON documents to validate, each with the place it came from.
 */
import { SseParser } from "../util/sse.js";
// Spectral's parsers are loaded on first use (a JSON syntax error), not when `lis` starts: ~50 ms.
import { spectralParsers } from "../util/lazy-packages.js";

export const INPUT_FORMS = ["json", "jsonl", "sse", "http"] as const;
export type InputForm = (typeof INPUT_FORMS)[number];

export interface InputDocument {
  /** `file`, `file:12` (JSONL line) or `file:12 (event 3)`: where a reader finds it. */
  location: string;
  /** 1-based line in the input where the document starts. */
  line: number;
  value?: unknown;
  /** Set when the text is not JSON; says where (line, column) and what. */
  parseError?: string;
}

export interface SplitInput {
  form: InputForm;
  /** The form of the body, for an HTTP capture. */
  bodyForm?: Exclude<InputForm, "http">;
  documents: InputDocument[];
  /** Observations that are not schema errors: the [DONE] terminator, an unterminated event, … */
  notes: string[];
  http?: { status: number; contentType?: string; headers: Record<string, string> };
  /** For a stream: whether it ended with `data: [DONE]`. */
  done?: boolean;
}

const SSE_START = /^(data|event|id|retry)\s*:|^:/;

/** Which form a text is, by its content (used when --input is not given). */
export function detectForm(text: string): InputForm {
  const start = text.trimStart();
  if (/^HTTP\/\d/.test(start)) return "http";
  if (SSE_START.test(start)) return "sse";
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
  if (lines.length > 1 && tryJson(lines[0]).ok && !tryJson(text).ok) return "jsonl";
  return "json";
}

/** Splits the input into JSON documents. `label` names the input in locations (a file name, "-"). */
export function splitDocuments(text: string, label: string, form: InputForm = detectForm(text)): SplitInput {
  switch (form) {
    case "json":
      return { form, documents: [jsonDocument(text, label, 0)], notes: [] };
    case "jsonl":
      return { form, documents: jsonLines(text, label, 0), notes: [] };
    case "sse":
      return { form, ...sseEvents(text, label, 0) };
    case "http":
      return httpCapture(text, label);
  }
}

function jsonDocument(text: string, label: string, lineOffset: number): InputDocument {
  const parsed = tryJson(text);
  const line = lineOffset + 1 + leadingLines(text);
  if (parsed.ok) return { location: label, line, value: parsed.value };
  return { location: label, line, parseError: describeJsonError(text, parsed.error, lineOffset) };
}

function jsonLines(text: string, label: string, lineOffset: number): InputDocument[] {
  const out: InputDocument[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const line = lineOffset + i + 1;
    const parsed = tryJson(raw);
    out.push(
      parsed.ok
        ? { location: `${label}:${line}`, line, value: parsed.value }
        : { location: `${label}:${line}`, line, parseError: describeJsonError(raw, parsed.error, line - 1) },
    );
  });
  return out;
}

/** Events of a stream, fed line by line so that each event knows the line it starts on. */
function sseEvents(text: string, label: string, lineOffset: number): Omit<SplitInput, "form"> {
  const parser = new SseParser();
  const documents: InputDocument[] = [];
  const notes: string[] = [];
  let done = false;
  let afterDone = 0;
  let eventStart: number | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  // A trailing newline leaves an empty last element that is not a line of its own.
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((raw, i) => {
    const line = lineOffset + i + 1;
    if (raw !== "" && !raw.startsWith(":") && eventStart === undefined) eventStart = line;
    for (const event of parser.push(`${raw}\n`)) {
      const start = eventStart ?? line;
      eventStart = undefined;
      const location = `${label}:${start} (event ${event.index})`;
      if (done) afterDone++;
      if (event.data === "[DONE]") {
        done = true;
        continue;
      }
      const parsed = tryJson(event.data);
      documents.push(
        parsed.ok
          ? { location, line: start, value: parsed.value }
          : { location, line: start, parseError: `event data is not JSON: ${describeJsonError(event.data, parsed.error, start - 1)}` },
      );
    }
    if (raw === "") eventStart = undefined;
  });
  const tail = parser.end();
  if (tail !== "") notes.push(`the stream ends inside an event (no blank line after it); that event is not dispatched: ${clip(tail, 60)}`);
  notes.push(done ? "the stream is terminated by data: [DONE]" : "the stream has no data: [DONE] terminator");
  if (afterDone > 0) notes.push(`${afterDone} event(s) follow data: [DONE]`);
  return { documents, notes, done };
}

function httpCapture(text: string, label: string): SplitInput {
  const sep = /\r?\n\r?\n/.exec(text);
  const head = sep ? text.slice(0, sep.index) : text;
  let body = sep ? text.slice(sep.index + sep[0].length) : "";
  const headLines = head.split(/\r?\n/);
  const status = Number(/^HTTP\/[\d.]+\s+(\d{3})/.exec(headLines[0].trim())?.[1] ?? NaN);
  const headers = new Map<string, string>();
  for (const line of headLines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const notes: string[] = [];
  if (Number.isNaN(status)) notes.push(`the status line "${clip(headLines[0], 40)}" has no status code`);
  if (/chunked/i.test(headers.get("transfer-encoding") ?? "")) {
    const dechunked = dechunk(body);
    if (dechunked !== undefined) body = dechunked;
  }
  const contentType = headers.get("content-type");
  const bodyOffset = (sep ? text.slice(0, sep.index + sep[0].length) : text).split(/\r\n|\r|\n/).length - 1;
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const bodyForm: Exclude<InputForm, "http"> =
    mediaType === "text/event-stream"
      ? "sse"
      : mediaType === "application/x-ndjson" || mediaType === "application/jsonl"
        ? "jsonl"
        : mediaType === "application/json" || mediaType.endsWith("+json")
          ? "json"
          : (detectForm(body) as Exclude<InputForm, "http">);
  const http = { status, contentType, headers: Object.fromEntries(headers) };
  if (body.trim() === "") return { form: "http", bodyForm, http, documents: [], notes: [...notes, "the response has no body"] };
  if (bodyForm === "sse") {
    const events = sseEvents(body, label, bodyOffset);
    return { form: "http", bodyForm, http, ...events, notes: [...notes, ...events.notes] };
  }
  const documents = bodyForm === "jsonl" ? jsonLines(body, label, bodyOffset) : [jsonDocument(body, label, bodyOffset)];
  return { form: "http", bodyForm, http, documents, notes };
}

/** Undoes HTTP/1.1 chunked transfer coding, when the body is still in it; undefined when it is not. */
function dechunk(body: string): string | undefined {
  if (!/^[0-9a-fA-F]+(;[^\r\n]*)?\r?\n/.test(body)) return undefined;
  const bytes = Buffer.from(body, "utf8");
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = bytes.indexOf("\n", at);
    if (eol === -1) return undefined;
    const size = parseInt(bytes.subarray(at, eol).toString("latin1").split(";")[0].trim(), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) break;
    parts.push(bytes.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size;
    if (bytes[at] === 13) at++;
    if (bytes[at] === 10) at++;
  }
  return Buffer.concat(parts).toString("utf8");
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: err as Error };
  }
}

const leadingLines = (text: string) => (/^\s*/.exec(text)![0].match(/\r\n|\r|\n/g) ?? []).length;
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/**
 * "not JSON at line L, column C: <reason>". V8's messages give a position only sometimes, so the location
 * comes from Spectral's JSON parser (jsonc), which reports one for every syntax error.
 */
export function describeJsonError(text: string, error: Error, lineOffset = 0): string {
  const reason = error.message.replace(/, "[\s\S]*" is not valid JSON$/, "").replace(/ in JSON at position \d+.*$/, "");
  if (text.trim() === "") return "empty: no JSON value";
  let line: number | undefined;
  let column: number | undefined;
  const position = /at position (\d+)/.exec(error.message);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const lines = before.split(/\r\n|\r|\n/);
    line = lines.length;
    column = lines.at(-1)!.length + 1;
  } else {
    const diagnostic = spectralParsers().Json.parse(text).diagnostics[0];
    if (diagnostic) {
      line = diagnostic.range.start.line + 1;
      column = diagnostic.range.start.character + 1;
    }
  }
  return line === undefined ? `not JSON: ${reason}` : `not JSON at line ${line + lineOffset}, column ${column}: ${reason}`;
}
