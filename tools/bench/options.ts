/** The values of lis bench's options, parsed strictly: a bad value is a usage error (exit 2) that says what to write. */
import { parseDurationMs } from "../serve/latency.js";
import { LisError, EXIT } from "../util/errors.js";
import type { Slo } from "./metrics.js";

export const MAX_CONCURRENCY = 10_000;
export const MAX_RATE = 100_000;

/** `1,4,16` → [1, 4, 16]: integers for concurrency, positive numbers for rates; no duplicates. */
export function parseLevels(value: string, option: "--concurrency" | "--rate"): number[] {
  const parts = value.split(",").map((s) => s.trim());
  const levels = parts.map((part) => {
    const n = Number(part);
    const ok = option === "--concurrency" ? /^\d+$/.test(part) && n >= 1 && n <= MAX_CONCURRENCY : /^\d+(\.\d+)?$/.test(part) && n > 0 && n <= MAX_RATE;
    if (!ok) throw new LisError(`${option}: '${part}' is not ${option === "--concurrency" ? `an integer from 1 to ${MAX_CONCURRENCY}` : `a rate in requests per second above 0 and at most ${MAX_RATE}`}; e.g. ${option} ${option === "--concurrency" ? "1,4,16" : "2,8,32"}`, EXIT.USAGE);
    return n;
  });
  if (new Set(levels).size !== levels.length) throw new LisError(`${option}: a level is given twice in '${value}'`, EXIT.USAGE);
  return levels;
}

/** `60s`, `2m`, `1500ms` → ms (at least 1 ms). */
export function parseDuration(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)m$/.exec(value.trim());
  const ms = m ? Number(m[1]) * 60_000 : parseDurationMs(value, option);
  if (!(ms >= 1)) throw new LisError(`${option}: '${value}' must be a positive duration, e.g. 60s, 2m or 1500ms`, EXIT.USAGE);
  return ms;
}

/** `--warmup 10` (requests) or `--warmup 5s` (a duration); `0` for none. */
export function parseWarmup(value: string): { requests?: number; seconds?: number } {
  const v = value.trim();
  if (/^\d+$/.test(v)) return { requests: Number(v) };
  return { seconds: parseDuration(v, "--warmup") / 1000 };
}

const SLO_KEYS: Record<string, keyof Slo> = { ttft: "ttftMs", tpot: "tpotMs", itl: "itlMs", e2e: "e2eMs" };

/** `ttft=500ms,tpot=50ms` → upper bounds in ms (PERF-009). */
export function parseSlo(value: string): Slo {
  const slo: Slo = {};
  for (const part of value.split(",")) {
    const [key, bound, extra] = part.split("=").map((s) => s.trim());
    const field = SLO_KEYS[key];
    if (!field || bound === undefined || extra !== undefined) throw new LisError(`--slo: '${part}' is not one of ${Object.keys(SLO_KEYS).map((k) => `${k}=…`).join(", ")}; e.g. --slo ttft=500ms,tpot=50ms`, EXIT.USAGE);
    if (slo[field] !== undefined) throw new LisError(`--slo: ${key} is given twice`, EXIT.USAGE);
    slo[field] = parseDuration(bound, `--slo ${key}`);
  }
  return slo;
}
