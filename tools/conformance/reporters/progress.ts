/**
 * Progress of a run where no one watches a live line (a CI log): a line when a profile's cases are all done,
 * and a heartbeat when nothing was said for a while, so that a slow server never leaves the log silent.
 * Pure: the caller passes the time and writes the lines it gets back.
 */
import type { CaseResult } from "../model.js";
import { CASE_STATUSES, countsPhrase } from "./statuses.js";

export type ProgressMode = "tty" | "plain" | "none";
export const PROGRESS_MODES = ["auto", "tty", "plain", "none"] as const;

/** `auto`: the live line on a terminal, plain lines elsewhere (CI). */
export function progressMode(option: string, isTty: boolean): ProgressMode {
  if (option === "auto") return isTty ? "tty" : "plain";
  return option as ProgressMode;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class PlainProgress {
  private readonly left = new Map<string, number>();
  private readonly counts = new Map<string, Record<string, number>>();
  private readonly all: Record<string, number> = {};
  private done = 0;
  private lastSaid: number;

  /** `cases`: the profile of every case that will run; `everyMs`: the longest silence. */
  constructor(
    private readonly cases: { profile: string }[],
    private readonly startedAt: number,
    private readonly everyMs = 10_000,
  ) {
    for (const c of cases) this.left.set(c.profile, (this.left.get(c.profile) ?? 0) + 1);
    this.lastSaid = startedAt;
  }

  /** The first line: what is about to run. */
  start(): string {
    const profiles = [...this.left].map(([p, n]) => `${p} ${n}`).join(", ");
    return `running ${this.cases.length} cases (${profiles})\n`;
  }

  /** Lines to print once `result` is in (at time `now`). */
  caseDone(result: CaseResult, now: number): string {
    this.done++;
    this.all[result.status] = (this.all[result.status] ?? 0) + 1;
    const mine = this.counts.get(result.profile) ?? {};
    mine[result.status] = (mine[result.status] ?? 0) + 1;
    this.counts.set(result.profile, mine);
    const left = (this.left.get(result.profile) ?? 1) - 1;
    this.left.set(result.profile, left);
    if (left > 0) return "";
    this.lastSaid = now;
    return `profile ${result.profile} done: ${countsPhrase(CASE_STATUSES, mine)} [${this.done}/${this.cases.length} cases, ${seconds(now - this.startedAt)}]\n`;
  }

  /** A heartbeat when nothing was printed for `everyMs`, else nothing. */
  tick(now: number): string {
    if (now - this.lastSaid < this.everyMs || this.done === this.cases.length) return "";
    this.lastSaid = now;
    const waiting = [...this.left].filter(([, n]) => n > 0).map(([p]) => p);
    return `… ${this.done}/${this.cases.length} cases done (${countsPhrase(CASE_STATUSES, this.all)}), ${seconds(now - this.startedAt)}; running: ${waiting.join(", ")}\n`;
  }
}
