/**
 * The runner's watch on the target's health. A server that crashes or hangs in the middle of a run would
 * otherwise turn every remaining case into an error one timeout at a time (a crash showed as 29–118 cases
 * "error: ECONNREFUSED", a hang ran to the 10-minute deadline), with nothing to say which request it died
 * on. So every request is recorded when it is sent and when it settles; once the target has answered,
 * `threshold` requests in a row that get no answer at all (connection refused, or timed out) mean it is
 * down: the watch names the case whose request was the last one sent before it stopped answering (`down`,
 * and `onDown`), and the runner stops sending to it.
 *
 * Pure state, no I/O and no clock of its own (times are passed in): unit-tested on its own.
 */
import type { TransportError } from "../http/types.js";

/** How one request's outcome bears on the target's health. */
export type HealthSignal = "answered" | "no-answer" | "neutral";

/**
 * An outcome is an answer when the server sent something: a response, or bytes that broke a cap or the
 * protocol. No answer: the connection was refused, or nothing complete came within the request's timeout
 * (a hang, or a drip that never ends). A reset, a case's own stream caps (a slow first token is slow, not
 * gone) and the run's own aborts say nothing either way: a crashing server resets the requests in flight,
 * and the refusals after it are what tell.
 */
export function signalOf(error: TransportError | undefined): HealthSignal {
  if (!error) return "answered";
  if (error.kind === "connect" || (error.kind === "timeout" && !error.byCap)) return "no-answer";
  if (error.kind === "reset" || error.kind === "timeout" || error.kind === "deadline" || error.kind === "aborted") return "neutral";
  return "answered";
}

export interface SentRecord {
  caseId: string;
  step: string;
  /** The request as evidence shows it (redacted), made only when the target goes down. */
  describe: () => string;
}

export interface TargetDown {
  /** crash: connections refused; hang: requests that got no answer within their timeout; both: a mix. */
  kind: "crash" | "hang" | "both";
  /** One line, for the console and every report. */
  reason: string;
  /** The case whose request was the last one sent before the target stopped answering. */
  lastRequest: { caseId: string; step: string; request: string };
  /** The other cases whose requests were unanswered when it stopped (suspects too, when requests run concurrently). */
  alsoInFlight: string[];
}

interface Pending extends SentRecord {
  seq: number;
  sentAt: number;
  /** When it settled without an answer; undefined while in flight. */
  failedAt?: number;
}

export class TargetHealth {
  private seq = 0;
  private answeredOnce: boolean;
  /** Requests in flight, or settled without an answer since the target's last answer, in the order sent. */
  private unanswered: Pending[] = [];
  private streak: TransportError[] = [];
  private downState: TargetDown | undefined;

  constructor(
    private readonly options: {
      /** Requests in a row without an answer that mean the target is down (2: "about two timeouts"). */
      threshold?: number;
      /** Whether the target answered before the run (the pre-flight): a target that never answered is unreachable, not down. */
      answeredBefore?: boolean;
      onDown?: (down: TargetDown) => void;
    } = {},
  ) {
    this.answeredOnce = options.answeredBefore ?? false;
  }

  get down(): TargetDown | undefined {
    return this.downState;
  }

  /** Records a request as it is sent, at time `now` (ms, any clock); returns its token for `settled`. */
  sent(record: SentRecord, now: number): number {
    const seq = ++this.seq;
    this.unanswered.push({ ...record, seq, sentAt: now });
    return seq;
  }

  /** Records how a request ended (`error` undefined: a response came), at time `now`. */
  settled(token: number, error: TransportError | undefined, now: number): void {
    const signal = signalOf(error);
    if (signal === "answered") {
      this.answeredOnce = true;
      this.streak = [];
      // Failures before this answer were not the target going away; requests still in flight stay suspects.
      this.unanswered = this.unanswered.filter((p) => p.seq !== token && p.failedAt === undefined);
      return;
    }
    const pending = this.unanswered.find((p) => p.seq === token);
    if (pending) pending.failedAt = now;
    if (signal === "neutral" || !this.answeredOnce || this.downState) return;
    this.streak.push(error!);
    if (this.streak.length >= (this.options.threshold ?? 2)) {
      this.downState = this.diagnose();
      this.options.onDown?.(this.downState);
    }
  }

  private diagnose(): TargetDown {
    const refused = this.streak.filter((e) => e.kind === "connect").length;
    const timedOut = this.streak.length - refused;
    const kind = timedOut === 0 ? "crash" : refused === 0 ? "hang" : "both";
    // It stopped answering when the first of the unanswered requests failed: the suspects are those sent
    // before that moment, and the last of them sent is the one named.
    const firstFailure = Math.min(...this.unanswered.map((p) => p.failedAt ?? Infinity));
    const suspects = this.unanswered.filter((p) => p.sentAt <= firstFailure);
    const last = suspects[suspects.length - 1];
    const others = [...new Set(suspects.filter((p) => p !== last).map((p) => p.caseId))].filter((id) => id !== last.caseId);
    const what =
      kind === "crash"
        ? `it refused ${refused} connections in a row (it crashed or was stopped)`
        : kind === "hang"
          ? `${timedOut} requests in a row got no complete answer within their timeout (it hangs)`
          : `${refused} connection(s) were refused and ${timedOut} request(s) timed out, in a row`;
    return {
      kind,
      reason: `target down: ${what}; the last request sent before it stopped answering was case ${last.caseId}, step ${last.step}${others.length > 0 ? ` (also in flight: ${others.join(", ")})` : ""}`,
      lastRequest: { caseId: last.caseId, step: last.step, request: last.describe() },
      alsoInFlight: others,
    };
  }
}
