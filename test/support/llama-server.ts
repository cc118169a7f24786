import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { ROOT } from "../../tools/util/paths.js";

/**
 * llama.cpp's `llama-server`, prebuilt in `../shared/real-servers/llama.cpp/` beside the checkout (its
 * README says how to run it): the one way every test starts it. A user's clone does not have it: suites
 * use `describe.skipIf(!hasLlama)` and the note below says, visibly, why they were skipped.
 * LIS_REAL_SERVERS points at another real-servers folder.
 */
export const llamaDir = resolve(process.env.LIS_REAL_SERVERS ?? join(ROOT, "..", "shared", "real-servers"), "llama.cpp");
export const hasLlama = existsSync(join(llamaDir, "llama-server")) && existsSync(join(llamaDir, "tiny-llama.gguf"));

if (!hasLlama) process.stderr.write(`note: ${llamaDir} is absent; the tests against llama.cpp's llama-server are skipped (set LIS_REAL_SERVERS to run them)\n`);

export interface RunningLlama {
  /** Base URL, ending in /v1. */
  url: string;
  process: ChildProcess;
  /** What it logged (the last 256 KiB). */
  log: () => string;
  /** Whether the process is still alive. */
  alive: () => boolean;
  /** Whether it died, or logged one of its aborts (a GGML_ASSERT, an uncaught exception), so far. */
  crashed: () => boolean;
  close(): Promise<void>;
}

const LOG_KEPT = 256 * 1024;

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

export interface LlamaOptions {
  /** An embeddings server (`--embeddings --pooling mean`), else a chat server (`-n 64 --seed 42 --jinja`). */
  embeddings?: boolean;
  /** Slots (`-np`); the README's 2 by default. */
  parallel?: number;
  /** More arguments, e.g. `--api-key K`. */
  extra?: string[];
}

/** Starts a server as the README says, on a free port; resolves once GET /health answers 200. */
export async function startLlama(options: LlamaOptions = {}): Promise<RunningLlama> {
  const port = await freePort();
  const mode = options.embeddings ? ["--embeddings", "--pooling", "mean"] : ["-n", "64", "--seed", "42", "--jinja"];
  const args = ["-m", join(llamaDir, "tiny-llama.gguf"), "-a", "tiny-llama", "-c", "2048", "-np", String(options.parallel ?? 2), ...mode, "-t", "1", "--host", "127.0.0.1", "--port", String(port), ...(options.extra ?? [])];
  const child = spawn(join(llamaDir, "llama-server"), args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (d: Buffer) => (log = (log + d.toString("utf8")).slice(-LOG_KEPT));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  let closing = false;
  child.on("exit", () => (exited = true));
  const origin = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ; ) {
    if (exited) throw new Error(`llama-server exited at start:\n${log.slice(-2000)}`);
    try {
      if ((await fetch(`${origin}/health`, { signal: AbortSignal.timeout(1000) })).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`llama-server did not become ready within 60 s:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${origin}/v1`,
    process: child,
    log: () => log,
    alive: () => !exited,
    crashed: () => (exited && !closing) || /GGML_ASSERT|Aborted|terminate called/.test(log),
    close: () =>
      new Promise<void>((done) => {
        closing = true;
        if (exited) return done();
        child.once("exit", () => done());
        child.kill("SIGKILL");
      }),
  };
}
