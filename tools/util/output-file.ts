/**
 * Files a command writes for the user (reports, badges, baselines): checked before the work starts, so
 * that a 10-minute run does not end in "cannot write", and every failure said in words, not an errno.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { EXIT, LisError } from "./errors.js";

const WORDS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of the path is a file, not a folder",
  // mkdir -p over a path one of whose folders is a file
  EEXIST: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  ENOSPC: "the disk is full",
  ENAMETOOLONG: "the name is too long",
};

function problem(path: string, what: string, err: unknown): LisError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = (code && WORDS[code] ? `${WORDS[code]} (${code})` : code) ?? (err as Error).message;
  return new LisError(`cannot write ${what} ${path}: ${why}; choose a path in a folder you can write to`, EXIT.USAGE);
}

/** Throws (exit 2) unless `path` can be written: its folder exists or can be made, and is writable. */
export function checkWritable(path: string, what: string): void {
  const file = resolve(path);
  try {
    if (existsSync(file) && statSync(file).isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch (err) {
    throw problem(path, what, err);
  }
}

/** Writes `text` to `path`, making its folder; throws (exit 2) with the reason in words. */
export function writeOutput(path: string, text: string, what: string): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, text);
  } catch (err) {
    throw problem(path, what, err);
  }
}
