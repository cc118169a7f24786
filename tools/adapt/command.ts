import type { Command } from "commander";
import { LisError, EXIT } from "../util/errors.js";
import { listenError } from "../http/listen.js";

const integerOption = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new LisError(`${name} must be an integer from ${min} to ${max}, got '${value}'`, EXIT.USAGE);
  return n;
};

interface CliOptions {
  upstream?: string;
  embeddingsUpstream?: string;
  dialect: string;
  port: number;
  host: string;
  apiKey?: string;
  upstreamKey?: string;
  forwardKey?: boolean;
  profile?: string;
  maxBodyBytes: number;
  timeout: number;
  idleTimeout: number;
  maxUpstreamBytes: number;
  cors?: string;
  listDialects?: boolean;
  explain?: boolean;
}

/** A URL as it may be shown: without user:password. */
const shown = (u: string) => {
  try {
    const url = new URL(u);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "(not a URL)";
  }
};

export function registerAdapt(program: Command): void {
  program
    .command("adapt")
    .description("serve the LIS API in front of an existing OpenAI-style server, repairing what its dialect is known to get wrong")
    .option("--upstream <url>", "the server's base URL, ending in /v1")
    .option("--embeddings-upstream <url>", "a second server for /embeddings (llama.cpp serves embeddings from a process of its own)")
    .option("--dialect <name>", "llama.cpp, vllm, ollama, tgi, openai, auto (recognise it), or a dialect file", "auto")
    .option("--port <port>", "port to listen on (0 = any free port)", integerOption("--port", 0, 65535), 8080)
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--api-key <key>", "require 'Authorization: Bearer <key>' from clients (or set LIS_API_KEY)")
    .option("--upstream-key <key>", "send 'Authorization: Bearer <key>' upstream (or set LIS_UPSTREAM_KEY)")
    .option("--forward-key", "send the client's own Authorization header upstream (off: the client's key never leaves the proxy)")
    .option("--profile <list>", "the profiles to declare, comma-separated (default: the upstream's discovery document, else the dialect's)")
    .option("--max-body-bytes <n>", "largest request body accepted (413 beyond)", integerOption("--max-body-bytes", 1024, 1 << 30), 4 * 1024 * 1024)
    .option("--timeout <ms>", "wait this long for the upstream's answer (a non-streamed answer: all of it); 504 after", integerOption("--timeout", 1, 86_400_000), 600_000)
    .option("--idle-timeout <ms>", "longest pause inside an upstream stream before it counts as failed", integerOption("--idle-timeout", 1, 86_400_000), 300_000)
    .option("--max-upstream-bytes <n>", "largest upstream answer read", integerOption("--max-upstream-bytes", 1024, 2 ** 31 - 1), 256 * 1024 * 1024)
    .option("--cors <origin>", "answer CORS preflights and allow this origin ('*' for any); off by default")
    .option("--list-dialects", "print the shipped dialects and where their knowledge comes from, and exit")
    .option("--explain", "print the rules of the chosen --dialect (clause, repair, what the server is known to do), and exit")
    .addHelpText("after", "\nExit codes: 0 stopped by a signal, 2 usage or configuration error (a bad dialect file, a busy port), 3 the upstream cannot be reached to recognise its dialect.\nDialects: tools/adapt/dialects/*.yaml (see tools/adapt/README.md)")
    .action(async (opts: CliOptions) => {
      const { dialectNames, loadDialect } = await import("./dialect.js");
      if (opts.listDialects) {
        for (const name of dialectNames()) {
          const d = loadDialect(name);
          const src = d.source.kind === "measured" ? `measured ${d.source.date ?? ""} against ${d.source.server ?? "?"}` : d.source.kind === "documented" ? `documented, not measured (${d.source.server ?? ""})` : "generic";
          process.stdout.write(`${name}\t${d.title}\t${src}\t${d.rules.length} rules\n`);
        }
        return;
      }
      if (opts.explain) {
        if (opts.dialect === "auto") throw new LisError("--explain needs a --dialect other than auto", EXIT.USAGE);
        const d = loadDialect(opts.dialect);
        process.stdout.write(`${d.name}: ${d.title}\nprofiles: ${d.profiles.join(", ")}\n`);
        for (const r of d.rules) process.stdout.write(`${[r.clause, ...(r.also ?? [])].join(",").padEnd(24)} ${r.repair.padEnd(28)} ${r.known ?? ""}\n`);
        return;
      }
      if (!opts.upstream) throw new LisError("--upstream is required: the base URL of the server to adapt, e.g. --upstream http://127.0.0.1:8080/v1", EXIT.USAGE);
      const { startAdapter } = await import("./server.js");
      let running;
      try {
        running = await startAdapter({
          upstream: opts.upstream,
          embeddingsUpstream: opts.embeddingsUpstream,
          dialect: opts.dialect,
          port: opts.port,
          host: opts.host,
          apiKey: opts.apiKey ?? (process.env.LIS_API_KEY || undefined),
          upstreamKey: opts.upstreamKey ?? (process.env.LIS_UPSTREAM_KEY || undefined),
          forwardKey: opts.forwardKey,
          profiles: opts.profile?.split(",").map((p) => p.trim()).filter(Boolean),
          maxBodyBytes: opts.maxBodyBytes,
          timeoutMs: opts.timeout,
          idleTimeoutMs: opts.idleTimeout,
          maxUpstreamBytes: opts.maxUpstreamBytes,
          cors: opts.cors,
        });
      } catch (err) {
        listenError(err, opts.port, opts.host);
      }
      const a = running.adapter;
      const emb = opts.embeddingsUpstream ? `, embeddings ${shown(opts.embeddingsUpstream)}` : "";
      process.stdout.write(`lis adapt: listening on ${running.url} -> ${shown(opts.upstream)}${emb}\n`);
      process.stdout.write(`lis adapt: dialect ${a.dialect.name} (${a.chosenBy}); profiles ${a.profiles.join(", ")}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stderr.write(`lis adapt: ${signal}, shutting down\n`);
          running.close().then(resolve, resolve);
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });
}
