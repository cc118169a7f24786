import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { LisError, EXIT } from "./errors.js";

/**
 * Reads a local file as UTF-8 with a size cap. A missing or unreadable file, a directory and a file over
 * the cap are input errors (exit 2) that say what and where; `tooLargeHint` says how to get past the cap.
 */
export function readBoundedFile(path: string, options: { what: string; maxBytes: number; tool: string; tooLargeHint?: string }): string {
  const { what, maxBytes } = options;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new LisError(`${what} not found: ${path}`, EXIT.USAGE);
    if (code === "EACCES") throw new LisError(`${what} is not readable (permission denied): ${path}`, EXIT.USAGE);
    throw new LisError(`cannot open ${what} ${path}: ${(err as Error).message}`, EXIT.USAGE);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new LisError(`${what} is a directory, not a file: ${path}`, EXIT.USAGE);
    if (stat.size > maxBytes) {
      const hint = options.tooLargeHint ? ` (${options.tooLargeHint})` : "";
      throw new LisError(`${what} ${path} is ${(stat.size / 2 ** 20).toFixed(1)} MiB; ${options.tool} reads files up to ${maxBytes / 2 ** 20} MiB${hint}`, EXIT.USAGE);
    }
    // Read at most one byte past the cap, so a file that grows while we read is still bounded.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0 || (length += n) === buffer.length) break;
    }
    if (length > maxBytes) throw new LisError(`${what} ${path} grew past ${maxBytes} bytes while being read`, EXIT.USAGE);
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
