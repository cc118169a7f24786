import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../tools/util/paths.js";

const CLI = join(ROOT, "dist", "tools", "cli.js");

/** Runs the compiled CLI as a real subprocess (`npm test` builds it first), the way a user runs it. */
export function runCli(args: string[], options: SpawnSyncOptions & { input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  return { status: result.status, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? "") };
}

export interface AsyncRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Killed for passing `timeoutMs`. */
  timedOut: boolean;
  /** With `measureRss`: the child's peak resident set size, in bytes. */
  peakRssBytes?: number;
}

/**
 * The CLI as a subprocess without blocking this process (so that an in-process fake server can answer it).
 * `timeoutMs` kills it (SIGKILL) and says so; `measureRss` preloads test/support/max-rss.mjs, which
 * reports the child's own peak RSS when it exits; `onSpawn` gets the child (to signal it).
 */
export function runCliAsync(args: string[], options: AsyncRunOptions = {}): Promise<AsyncRun> {
  return runNodeAsync(CLI, args, options);
}

export interface AsyncRunOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  measureRss?: boolean;
  onSpawn?: (child: ChildProcess) => void;
}

/** A compiled script of ours as a subprocess, without blocking this process (options as runCliAsync). */
export function runNodeAsync(script: string, args: string[], options: AsyncRunOptions = {}): Promise<AsyncRun> {
  const rssDir = options.measureRss ? mkdtempSync(join(tmpdir(), "lis-rss-")) : undefined;
  const rssFile = rssDir ? join(rssDir, "max-rss") : undefined;
  const preload = rssFile ? ["--import", join(ROOT, "test", "support", "max-rss.mjs")] : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...preload, script, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env, ...(rssFile ? { LIS_MAX_RSS_FILE: rssFile } : {}) },
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = options.timeoutMs ? setTimeout(() => ((timedOut = true), child.kill("SIGKILL")), options.timeoutMs) : undefined;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => {
      clearTimeout(timer);
      const peakRssBytes = rssFile && existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : undefined;
      if (rssDir) rmSync(rssDir, { recursive: true, force: true });
      resolve({ status, stdout, stderr, timedOut, peakRssBytes });
    });
    options.onSpawn?.(child);
  });
}
