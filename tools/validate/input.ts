/**
 * Reading what `lis validate` is given, bounded: a file is refused by its size before it is read, standard
 * input is refused as soon as it passes the cap, and bytes that are not UTF-8 are an input error.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { LisError, EXIT } from "../util/errors.js";

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

const tooLarge = (what: string, size: string, max: number) =>
  new LisError(`${what} is ${size}, over the limit of ${max} bytes; raise it with --max-bytes <bytes>`, EXIT.USAGE);

/** Reads a file or `-` (standard input) as UTF-8 text of at most `maxBytes` bytes. */
export async function readInput(path: string, maxBytes: number): Promise<string> {
  const bytes = path === "-" ? await readStdin(maxBytes) : readFileCapped(path, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LisError(`${path === "-" ? "standard input" : path} is not UTF-8 text`, EXIT.USAGE);
  }
}

function readFileCapped(path: string, maxBytes: number): Buffer {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LisError(`${path} is a directory, not a file`, EXIT.USAGE);
    size = stat.size;
  } catch (err) {
    if (err instanceof LisError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new LisError(`file not found: ${path}`, EXIT.USAGE);
    throw new LisError(`cannot read ${path}: ${(err as Error).message}`, EXIT.USAGE);
  }
  if (size > maxBytes) throw tooLarge(path, `${size} bytes`, maxBytes);
  // Read at most maxBytes + 1 even so: a device or a growing file may report a size it does not keep to.
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(path, `more than ${maxBytes} bytes`, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw tooLarge("standard input", `more than ${maxBytes} bytes`, maxBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

/** Parses the --max-bytes value: a positive whole number of bytes, optionally with a K, M or G (binary) suffix. */
export function parseByteCount(value: string): number {
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(value.trim());
  if (!m) throw new LisError(`--max-bytes expects a number of bytes such as 1048576 or 64M, not "${value}"`, EXIT.USAGE);
  const unit = (m[2] ?? "").toLowerCase()[0];
  const n = Number(m[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1);
  if (!Number.isSafeInteger(n) || n <= 0) throw new LisError(`--max-bytes must be a positive number, not "${value}"`, EXIT.USAGE);
  return n;
}
