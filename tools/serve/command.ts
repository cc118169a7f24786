import type { Command } from "commander";
import { LisError, EXIT } from "../util/errors.js";
import { listenError } from "../http/listen.js";
// Imports nothing itself: registering the command stays light.
import { DEFAULT_SERVED_SPEC, SERVED_SPECS, type ServedSpec } from "./versions.js";
import { formatLatency, parseLatency, type LatencySchedule } from "./latency.js";

/** Kept here (not imported from server.ts) so that registering the command loads nothing heavy. */
const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const specOption = (value: string): ServedSpec => {
  if (!(SERVED_SPECS as readonly string[]).includes(value)) throw new LisError(`--spec must be one of ${SERVED_SPECS.join(", ")}, got '${value}'`, EXIT.USAGE);
  return value as ServedSpec;
};

const integerOption = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new LisError(`${name} must be an integer from ${min} to ${max}, got '${value}'`, EXIT.USAGE);
  return n;
};

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the reference server (built-in model lis-tiny) on http://HOST:PORT/v1")
    .option("--port <port>", "port to listen on (0 = any free port)", integerOption("--port", 0, 65535), 8080)
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--api-key <key>", "require 'Authorization: Bearer <key>' on every request (or set LIS_API_KEY)")
    .option("--models <file>", "JSON/YAML list of model ids to serve (all backed by lis-tiny)")
    .option("--fault <clause-id>", "violate this clause (repeatable; see --list-faults)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--variant <name>", "use this legal variation of behaviour (repeatable; see --list-variants)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--list-variants", "print the variants (each one freedom the spec leaves open, and the spec text that allows it) and exit")
    .option("--cors <origin>", "answer CORS preflights and allow this origin ('*' for any); off by default")
    .option("--list-faults", "print the clauses the server can violate, one per line, and exit")
    .option("--max-body-bytes <n>", "largest request body accepted (413 beyond)", integerOption("--max-body-bytes", 1, 1 << 30), DEFAULT_MAX_BODY_BYTES)
    .option("--spec <version>", "the LIS version to implement: 1.1 (also implements 1.0) or 1.0 (a pure 1.0 server)", specOption, DEFAULT_SERVED_SPEC)
    .option("--latency <schedule>", "pace streamed completions: ttft=200ms,itl=20ms[,jitter=2ms][,seed=N], or 0 (one write per token, no delay)", parseLatency)
    .option("--ft-step-ms <ms>", "simulated fine-tuning jobs advance one step per this many ms (default: one step per read of the job)", integerOption("--ft-step-ms", 1, 86_400_000))
    .addHelpText(
      "after",
      "\nFaults make the server break one clause (the mutation self-test); variants make it use one freedom the spec leaves open,\nas some real server does (the variation self-test: lis conformance --variation). Both combine: --fault X --variant a --variant b.",
    )
    .action(async (opts: { port: number; host: string; apiKey?: string; models?: string; fault: string[]; variant: string[]; listFaults?: boolean; listVariants?: boolean; maxBodyBytes: number; cors?: string; ftStepMs?: number; spec: ServedSpec; latency?: LatencySchedule }) => {
      if (opts.listFaults) {
        const { listFaults } = await import("./faults/index.js");
        for (const f of listFaults()) process.stdout.write(`${f.clause}\t${f.description}\n`);
        return;
      }
      if (opts.listVariants) {
        const [{ listVariants }, { formatVariant }] = await Promise.all([import("./variants/index.js"), import("./variants/format.js")]);
        process.stdout.write(listVariants().map(formatVariant).join("\n"));
        return;
      }
      const { startServer } = await import("./server.js");
      let server;
      try {
        server = await startServer({
          port: opts.port,
          host: opts.host,
          apiKey: opts.apiKey ?? process.env.LIS_API_KEY,
          modelsFile: opts.models,
          faults: opts.fault,
          variants: opts.variant,
          maxBodyBytes: opts.maxBodyBytes,
          corsOrigin: opts.cors,
          fineTuningClock: opts.ftStepMs ? { stepMs: opts.ftStepMs } : "poll",
          specVersion: opts.spec,
          latency: opts.latency,
        });
      } catch (err) {
        listenError(err, opts.port, opts.host);
      }
      const faults = opts.fault.length > 0 ? ` (faults: ${opts.fault.map((f) => f.toUpperCase()).join(", ")})` : "";
      const paced = opts.latency ? ` (latency ${formatLatency(opts.latency)})` : "";
      const variants = opts.variant.length > 0 ? ` (variants: ${opts.variant.map((v) => v.toLowerCase()).join(", ")})` : "";
      process.stdout.write(`lis serve: listening on ${server.url}${faults}${variants}${paced}${opts.spec === "1.0" ? " (LIS 1.0 only)" : ""}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stderr.write(`lis serve: ${signal}, shutting down\n`);
          server.close().then(resolve, resolve);
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });
}
