/**
 * The load generator (spec/1.1/performance.md, PERF-013 to PERF-015): it decides when requests are sent
 * and hands each outcome to the point, and does nothing else — no metric is computed here. Closed loop: C
 * workers, each sending its next request when its previous one ends. Open loop: send times from a seeded
 * arrival process, never waiting for a response. Both begin with a warm-up whose requests are not measured,
 * then measure until a request count or a duration; requests in flight at the end are awaited and counted.
 */
import { arrivalGaps, type ArrivalProcess } from "./arrivals.js";
import type { RequestRecord } from "./metrics.js";
import type { PointAccumulator } from "./point.js";

export interface PointPlan {
  method: "closed" | "open";
  /** Concurrency (closed) or requests per second (open). */
  level: number;
  warmup: { requests?: number; seconds?: number };
  /** Measured requests, or measured duration; the first that is reached ends the point. */
  stop: { requests?: number; durationMs?: number };
  arrivals?: ArrivalProcess;
  seed?: number;
  /** Open loop: requests in flight at most; a request due beyond it is not sent, and counted as cancelled. */
  maxInFlight?: number;
}

/** Sends the i-th request of the run (i counts across warm-up and measurement); never rejects. */
export type Send = (i: number, scheduledAt?: number) => Promise<RequestRecord>;

export interface LoadControl {
  /** Set when the run must stop (interrupt, deadline): nothing more is sent. */
  stopped: () => boolean;
  /** Resolves when the run is stopped, so that a wait for the next send time ends at once. */
  whenStopped: Promise<void>;
}

/** Where the run is: in warm-up, measuring, or done sending. */
class Phase {
  private readonly startedAt = performance.now();
  private warmupEndedAt?: number;
  private warmupSent = 0;
  private measuredSent = 0;

  constructor(
    private readonly plan: PointPlan,
    private readonly point: PointAccumulator,
  ) {
    if (!plan.warmup.requests && !plan.warmup.seconds) this.warmupEndedAt = this.startedAt;
  }

  /** Whether request number `sent` of this point, sent now, is a warm-up one; undefined when nothing more is sent. */
  next(now: number): "warmup" | "measured" | undefined {
    const w = this.plan.warmup;
    if (this.warmupEndedAt === undefined) {
      const byCount = w.requests !== undefined && this.warmupSent >= w.requests;
      const byTime = w.seconds !== undefined && now - this.startedAt >= w.seconds * 1000;
      if ((w.requests === undefined || byCount) && (w.seconds === undefined || byTime)) this.warmupEndedAt = now;
      else {
        this.warmupSent++;
        return "warmup";
      }
    }
    const s = this.plan.stop;
    if (s.requests !== undefined && this.measuredSent >= s.requests) return undefined;
    if (s.durationMs !== undefined && this.point.windowStart !== undefined && now - this.point.windowStart >= s.durationMs) return undefined;
    if (this.measuredSent === 0) this.point.windowStart = now;
    this.measuredSent++;
    return "measured";
  }
}

/** Runs one point: returns when nothing more will be sent and every request sent has ended. */
export async function runPoint(plan: PointPlan, send: Send, point: PointAccumulator, control: LoadControl, firstIndex = 0): Promise<number> {
  const phase = new Phase(plan, point);
  let index = firstIndex;
  const settle = (kind: "warmup" | "measured", record: RequestRecord) => {
    // A request cut short by the run's own stop is neither a measurement nor a failure of the server.
    if (control.stopped() && record.failure?.kind === "cancelled") return;
    if (kind === "warmup") point.addWarmup();
    else point.add(record);
  };

  if (plan.method === "closed") {
    const worker = async () => {
      for (;;) {
        if (control.stopped()) return;
        const kind = phase.next(performance.now());
        if (!kind) return;
        settle(kind, await send(index++));
      }
    };
    await Promise.all(Array.from({ length: plan.level }, worker));
    return index;
  }

  const gap = arrivalGaps(plan.level, plan.arrivals ?? { kind: "poisson" }, plan.seed ?? 0);
  const inFlight = new Set<Promise<void>>();
  let due = performance.now();
  for (;;) {
    if (control.stopped()) break;
    const wait = due - performance.now();
    if (wait > 0) await Promise.race([new Promise((r) => setTimeout(r, wait)), control.whenStopped]);
    if (control.stopped()) break;
    const kind = phase.next(performance.now());
    if (!kind) break;
    const scheduledAt = due;
    due += gap();
    if (plan.maxInFlight !== undefined && inFlight.size >= plan.maxInFlight) {
      const now = performance.now();
      settle(kind, { sentAt: now, scheduledAt, contentAt: [], endAt: 0, failure: { kind: "cancelled", message: `not sent: ${plan.maxInFlight} requests were already in flight (--max-in-flight)` } });
      continue;
    }
    const p: Promise<void> = send(index++, scheduledAt).then((record) => {
      inFlight.delete(p);
      settle(kind, record);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return index;
}
