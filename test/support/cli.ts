import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../../tools/util/paths.js";

/** Runs the compiled CLI as a real subprocess (`npm test` builds it first), the way a user runs it. */
export function runCli(args: string[], options: SpawnSyncOptions & { input?: string } = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  return { status: result.status, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? "") };
}

/** The CLI as a subprocess without blocking this process (so that an in-process fake server can answer it). */
export function runCliAsync(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  return runNodeAsync(join(ROOT, "dist", "tools", "cli.js"), args, env, cwd);
}

/** A compiled script of ours as a subprocess, without blocking this process. */
export function runNodeAsync(script: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
