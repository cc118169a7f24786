/**
 * A benchmark run: reach the target, then one point per load level (load.ts), each summarised as the
 * perf-report schema says (point.ts, report.ts). The edges live here: the clock pair that dates the run,
 * the client's own CPU and event-loop delay (PERF-022), the embedded reference server as a child process
 * (so that it does not share the generator's event loop), and stopping early with what was measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, arch, release, type as osType } from "node:os";
import { join } from "node:path";
import { setMaxListeners } from "node:events";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sendRequest } from "../http/client.js";
import { makeRedactor } from "../http/redact.js";
import { LisError, EXIT } from "../util/errors.js";
import { ROOT, packageVersion } from "../util/paths.js";
import { runPoint, type PointPlan } from "./load.js";
import type { ArrivalProcess } from "./arrivals.js";
import type { Slo } from "./metrics.js";
import { PointAccumulator, type PointJson } from "./point.js";
import { buildReport, type PerfReport } from "./report.js";
import { USER_AGENT, sendOne, type Target } from "./request.js";
import type { Workload } from "./workload.js";

export interface BenchOptions {
  /** Absent: start the reference server (lis serve) as a child process, with `latency`. */
  baseUrl?: string;
  model: string;
  apiKey?: string;
  method: "closed" | "open";
  levels: number[];
  arrivals?: ArrivalProcess;
  seed: number;
  warmup: { requests?: number; seconds?: number };
  stop: { requests?: number; durationMs?: number };
  workload: Workload;
  slo?: Slo;
  timeoutMs: number;
  maxBodyBytes: number;
  maxInFlight?: number;
  /** The embedded server's --latency, as written. */
  latency?: string;
  onProgress?: (p: Progress) => void;
  /** Aborted to stop the run early (SIGINT): the report holds the points measured so far. */
  signal?: AbortSignal;
}

export interface Progress {
  point: number;
  points: number;
  level: number;
  method: "closed" | "open";
  warmup: number;
  sent: number;
  failed: number;
  tokens: number;
  /** Monotonic ms since the point's measurement began (0 in warm-up). */
  elapsedMs: number;
  stop: BenchOptions["stop"];
  done?: PointJson;
}

/** More than this event-loop delay at p99 could have moved a timestamp by a millisecond (PERF-022). */
const SATURATED_DELAY_MS = 1;
const DELAY_SAMPLING_MS = 10;

export async function runBench(o: BenchOptions): Promise<{ report: PerfReport; exitCode: number }> {
  const startedAt = new Date();
  const clock = { wall: Date.now(), mono: performance.now() };
  const wallClockAt = (mono: number) => new Date(clock.wall + (mono - clock.mono)).toISOString();
  // Every request in flight listens to the interrupt signal: hundreds are no leak.
  if (o.signal) setMaxListeners(0, o.signal);
  let server: EmbeddedServer | undefined;
  const points: PointJson[] = [];
  let note: string | undefined;
  let lisVersion: string | null = null;
  let baseUrl = o.baseUrl;
  const finish = (complete: boolean, exitCode: number) => ({
    report: buildReport({ options: o, baseUrl: baseUrl ?? "(embedded: not started)", lisVersion, startedAt, finishedAt: new Date(), complete, note, points, environment: environment(), tool: { name: "lis bench", version: packageVersion } }),
    exitCode,
  });
  try {
    if (!baseUrl) {
      try {
        server = await startEmbedded(o.latency, o.apiKey);
      } catch (err) {
        // A report on every exit: one that says why nothing was measured.
        if (!(err instanceof LisError)) throw err;
        note = err.message;
        return finish(false, err.exitCode);
      }
      baseUrl = server.url;
    }
    const target: Target = { baseUrl: baseUrl.replace(/\/+$/, ""), apiKey: o.apiKey, timeoutMs: o.timeoutMs, maxBodyBytes: o.maxBodyBytes, redact: makeRedactor([o.apiKey]) };
    const reached = await preflight(target);
    if ("unreachable" in reached) {
      note = `the target cannot be reached: ${reached.unreachable}`;
      return finish(false, EXIT.UNREACHABLE);
    }
    lisVersion = reached.lisVersion;

    let stopped = o.signal?.aborted ?? false;
    const whenStopped = new Promise<void>((resolve) => {
      if (stopped) resolve();
      o.signal?.addEventListener("abort", () => ((stopped = true), resolve()), { once: true });
    });
    let index = 0;
    for (const [p, level] of o.levels.entries()) {
      if (stopped) break;
      const point = new PointAccumulator(level, o.slo);
      const plan: PointPlan = { method: o.method, level, warmup: o.warmup, stop: o.stop, arrivals: o.arrivals, seed: o.seed, maxInFlight: o.maxInFlight };
      const progress = () => {
        const measuring = point.windowStart !== undefined;
        o.onProgress?.({ point: p + 1, points: o.levels.length, level, method: o.method, warmup: point.warmup, sent: point.sent, failed: point.failed, tokens: point.tokensOut, elapsedMs: measuring ? performance.now() - point.windowStart! : 0, stop: o.stop });
      };
      const ticker = setInterval(progress, 250);
      const delay = monitorEventLoopDelay({ resolution: DELAY_SAMPLING_MS });
      delay.enable();
      const cpuBefore = process.cpuUsage();
      try {
        index = await runPoint(plan, (i, scheduledAt) => sendOne(target, o.workload.request(i), { signal: o.signal, scheduledAt }), point, { stopped: () => stopped, whenStopped }, index);
      } finally {
        clearInterval(ticker);
        delay.disable();
      }
      const cpu = process.cpuUsage(cpuBefore);
      // The histogram holds whole sampling intervals: the delay is what exceeds the interval.
      const p99 = Math.max(0, delay.percentile(99) / 1e6 - DELAY_SAMPLING_MS);
      if (stopped && point.sent === 0) break;
      const summary = point.summary(wallClockAt, { cpu_ms: Math.round((cpu.user + cpu.system) / 1000), event_loop_delay_p99_ms: Math.round(p99 * 1000) / 1000, saturated: p99 > SATURATED_DELAY_MS });
      points.push(summary);
      o.onProgress?.({ point: p + 1, points: o.levels.length, level, method: o.method, warmup: point.warmup, sent: point.sent, failed: point.failed, tokens: point.tokensOut, elapsedMs: point.windowMs, stop: o.stop, done: summary });
    }
    if (stopped) {
      note = `interrupted after ${points.length} of ${o.levels.length} point(s); the last one may be partial`;
      return finish(false, 130);
    }
    return finish(true, points.some((pt) => pt.requests.failed > 0) ? EXIT.FAILED : EXIT.OK);
  } finally {
    await server?.close();
  }
}

/** GET /models: any HTTP answer means the target is there; its LIS-Version header is recorded. */
async function preflight(target: Target): Promise<{ lisVersion: string | null } | { unreachable: string }> {
  const headers: Record<string, string> = { "user-agent": USER_AGENT };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const { response, error } = await sendRequest({ method: "GET", url: `${target.baseUrl}/models`, headers }, { timeoutMs: Math.min(target.timeoutMs, 30_000), maxBodyBytes: 1 << 20 });
  if (error) return { unreachable: target.redact(error.message) };
  return { lisVersion: response.headers["lis-version"] ?? null };
}

function environment() {
  const list = cpus();
  return { os: `${osType()} ${release()} ${arch()}`, cpus: Math.max(1, list.length), ...(list[0]?.model ? { cpu_model: list[0].model.trim() } : {}), runtime: `node ${process.version}` };
}

interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The reference server in a child process (`lis serve --port 0`), so that generating its answers does not
 * delay the timestamps of the generator: on a machine with two cores, each gets one.
 */
async function startEmbedded(latency: string | undefined, apiKey: string | undefined): Promise<EmbeddedServer> {
  const args = [join(ROOT, "dist", "tools", "cli.js"), "serve", "--port", "0", "--host", "127.0.0.1", ...(latency ? ["--latency", latency] : [])];
  const env = { ...process.env };
  delete env.LIS_API_KEY;
  if (apiKey) env.LIS_API_KEY = apiKey; // by environment, never on a command line that ps shows
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => done(new LisError(`the embedded reference server did not start within 15 s${err ? `: ${err.trim()}` : ""}`, EXIT.INTERNAL)), 15_000);
    const done = (e?: Error, value?: string) => {
      clearTimeout(timer);
      child.stdout?.removeAllListeners("data");
      if (e) {
        child.kill();
        reject(e);
      } else resolve(value!);
    };
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) done(undefined, m[1]);
    });
    child.stderr?.on("data", (d) => (err += d));
    child.once("exit", (code) => done(new LisError(`the embedded reference server exited (code ${code})${err ? `: ${err.trim()}` : ""}`, err.includes("--latency") ? EXIT.USAGE : EXIT.INTERNAL)));
  });
  child.removeAllListeners("exit");
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 6000).unref();
      }),
  };
}
