import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { ROOT } from "../../tools/util/paths.js";

/**
 * llama.cpp's llama-server from `../shared/real-servers/llama.cpp/` (LIS_REAL_SERVERS overrides the
 * folder): beside the checkout here and in the project's CI, absent from a user's clone, where the tests
 * that need it skip with this note.
 */
const dir = join(resolve(process.env.LIS_REAL_SERVERS ?? join(ROOT, "..", "shared", "real-servers")), "llama.cpp");
const binary = join(dir, "llama-server");
const model = join(dir, "tiny-llama.gguf");
export const hasLlamaServer = existsSync(binary) && existsSync(model);
if (!hasLlamaServer) process.stderr.write(`note: ${binary} is absent; the tests of lis adapt against llama.cpp are skipped (set LIS_REAL_SERVERS to run them)\n`);

export interface LlamaServer {
  /** The base URL, ending in /v1. */
  url: string;
  /** The server's own output (its last 64 KiB), for a failure message. */
  log(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** Starts llama-server as its README says: "chat" (tools need --jinja) or "embeddings" (a process of its own). */
export async function startLlamaServer(kind: "chat" | "embeddings"): Promise<LlamaServer> {
  const port = await freePort();
  const args = ["-m", model, "-a", "tiny-llama", "-c", "2048", "-np", "2", "-t", "1", "--host", "127.0.0.1", "--port", String(port)];
  args.push(...(kind === "chat" ? ["-n", "64", "--seed", "42", "--jinja"] : ["--embeddings", "--pooling", "mean"]));
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString("utf8")).slice(-65536));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`llama-server (${kind}) exited with ${child.exitCode} at start:\n${output}`);
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) })).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`llama-server (${kind}) did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${base}/v1`,
    log: () => output,
    close: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
