import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { LisError, EXIT } from "../util/errors.js";

/** One line of a JSON Lines file: its 1-based number and its text, or why it has none. */
export type RawLine =
  | { line: number; text: string }
  | { line: number; problem: string };

/** Longest line read (bytes); longer lines are reported, not buffered. */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The lines of a file, streamed: memory stays bounded by the longest accepted line whatever the file size.
 * A hand-written splitter rather than node:readline, because readline buffers an endless line whole.
 * `onBytes` sees every chunk (for the dataset hash). A CR before LF is dropped; a final line without LF counts.
 */
export async function* readLines(file: string, options: { maxLineBytes?: number; onBytes?: (chunk: Buffer) => void } = {}): AsyncGenerator<RawLine> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const finish = (): RawLine => {
    line++;
    if (tooLong) return { line, problem: `line is longer than ${max} bytes` };
    let buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    try {
      let text = decoder.decode(buf);
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark
      return { line, text };
    } catch {
      return { line, problem: "line is not valid UTF-8" };
    }
  };
  let stream;
  try {
    stream = createReadStream(file, { highWaterMark: 1 << 16 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.onBytes?.(chunk);
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        const end = nl === -1 ? chunk.length : nl;
        if (!tooLong) {
          if (size + end - start > max) {
            tooLong = true;
            parts = [];
          } else if (end > start) {
            parts.push(chunk.subarray(start, end));
            size += end - start;
          }
        }
        if (nl === -1) break;
        yield finish();
        parts = [];
        size = 0;
        tooLong = false;
        start = nl + 1;
      }
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new LisError(`cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`, EXIT.USAGE);
  }
  if (size > 0 || tooLong) yield finish();
}

/** A sha256 digest fed chunk by chunk, written `sha256:<hex>` (spec/1.0/evaluation.md, "Dataset identity"). */
export function datasetHasher() {
  const hash = createHash("sha256");
  return { update: (chunk: Buffer) => void hash.update(chunk), digest: () => `sha256:${hash.digest("hex")}` };
}
