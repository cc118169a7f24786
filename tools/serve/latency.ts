/**
 * `lis serve --latency ttft=200ms,itl=20ms[,jitter=5ms][,seed=N]`: the pace at which the reference server
 * writes a streamed completion, as a deterministic schedule, so that a benchmark's measurement can be
 * checked against the truth (spec/1.1/performance.md). The first token-bearing chunk is due `ttft` after the
 * request arrived, each next one `itl` after the one before; chunks that carry no token (the role chunk,
 * the finishing chunk, usage, [DONE]) go out with the token before them (the role chunk at once).
 *
 * Jitter is a uniform offset in [-j, +j] per delay, with j = min(jitter, delay) so no delay turns negative
 * and every median stays exactly the nominal value; it is drawn from a PRNG seeded by `seed` and the
 * request's arrival number, so the same run gets the same delays.
 */
import { LisError, EXIT } from "../util/errors.js";
import { seededRandom } from "./model/prng.js";
import { isContentBearing } from "../util/content-bearing.js";

export interface LatencySchedule {
  ttftMs: number;
  itlMs: number;
  jitterMs: number;
  seed: number;
}

const KEYS = ["ttft", "itl", "jitter", "seed"] as const;
const MAX_DELAY_MS = 600_000;

/** Milliseconds of a duration written `200ms`, `0.2s`, `150us` or `0`. */
export function parseDurationMs(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(us|ms|s)?$/.exec(text.trim());
  if (!m || (m[2] === undefined && Number(m[1]) !== 0)) throw new LisError(`${what}: '${text}' is not a duration; write e.g. 200ms, 0.2s or 0`, EXIT.USAGE);
  const value = Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as const)[(m[2] ?? "ms") as "us" | "ms" | "s"];
  if (value > MAX_DELAY_MS) throw new LisError(`${what}: ${text} is longer than ${MAX_DELAY_MS / 1000} s`, EXIT.USAGE);
  return value;
}

/** `ttft=200ms,itl=20ms,jitter=2ms,seed=7`, or `0` for no delay at all (tokens written as fast as possible, one write each). */
export function parseLatency(text: string): LatencySchedule {
  const schedule: LatencySchedule = { ttftMs: 0, itlMs: 0, jitterMs: 0, seed: 0 };
  if (text.trim() === "0") return schedule;
  const seen = new Set<string>();
  for (const part of text.split(",")) {
    const [key, value, extra] = part.split("=").map((s) => s.trim());
    if (!(KEYS as readonly string[]).includes(key) || value === undefined || value === "" || extra !== undefined) {
      throw new LisError(`--latency: '${part}' is not one of ${KEYS.map((k) => `${k}=…`).join(", ")}; e.g. --latency ttft=200ms,itl=20ms,jitter=2ms`, EXIT.USAGE);
    }
    if (seen.has(key)) throw new LisError(`--latency: ${key} is given twice`, EXIT.USAGE);
    seen.add(key);
    if (key === "seed") {
      if (!/^\d{1,9}$/.test(value)) throw new LisError(`--latency: seed must be an integer from 0 to 999999999, got '${value}'`, EXIT.USAGE);
      schedule.seed = Number(value);
    } else schedule[`${key as "ttft" | "itl" | "jitter"}Ms`] = parseDurationMs(value, `--latency ${key}`);
  }
  return schedule;
}

export function formatLatency(s: LatencySchedule): string {
  return `ttft=${s.ttftMs}ms,itl=${s.itlMs}ms${s.jitterMs ? `,jitter=${s.jitterMs}ms,seed=${s.seed}` : ""}`;
}

/** A delay with its jitter: the nominal value plus a uniform offset in [-min(j, d), +min(j, d)]. */
function jittered(delay: number, jitter: number, random: () => number): number {
  const j = Math.min(jitter, delay);
  return j === 0 ? delay : delay + j * (2 * random() - 1);
}

/**
 * The due times of a stream's token-bearing chunks, in ms after the request arrived: the k-th (0-based)
 * is due at ttft + k·itl, each delay jittered. `arrival` numbers the server's streamed requests (1, 2, …).
 */
export function tokenSchedule(s: LatencySchedule, arrival: number): (k: number) => number {
  const random = s.jitterMs > 0 ? seededRandom(`latency:${s.seed}:${arrival}`) : () => 0.5;
  const due: number[] = [];
  return (k: number) => {
    while (due.length <= k) due.push(due.length === 0 ? jittered(s.ttftMs, s.jitterMs, random) : due[due.length - 1] + jittered(s.itlMs, s.jitterMs, random));
    return due[k];
  };
}

/**
 * When each frame of a stream is due, in ms after the request arrived. A token-bearing chunk is due by its
 * choice's token count so far (choices of n > 1 advance together); any other frame goes with the one before
 * it. `frameCount` may exceed the chunks (the [DONE] frame, or frames a fault added): those go last.
 */
export function frameDueTimes(chunks: readonly { choices: Record<string, unknown>[] }[], frameCount: number, due: (k: number) => number): number[] {
  const steps = new Map<unknown, number>();
  const out: number[] = [];
  let previous = 0;
  for (let i = 0; i < frameCount; i++) {
    const chunk = chunks[i];
    if (chunk && isContentBearing(chunk)) {
      let step = 0;
      for (const choice of chunk.choices) {
        const s = steps.get(choice.index) ?? 0;
        steps.set(choice.index, s + 1);
        step = Math.max(step, s);
      }
      previous = Math.max(previous, due(step));
    }
    out.push(previous);
  }
  return out;
}
