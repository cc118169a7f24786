import type { JobStoreQuirks } from "../fine-tuning/jobs.js";
import type { FaultDefinition, ReplyContext } from "./types.js";

/**
 * Faults of the fine-tuning profile. Those visible in one response are body/status hooks here; those that
 * live in the job store's behaviour over several requests are quirks of the store (fineTuningQuirks).
 */
const onJobs = (ctx: ReplyContext) => ctx.path.startsWith("/v1/fine_tuning/jobs");
const isJob = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && (v as { object?: unknown }).object === "fine_tuning.job";

/** Applies `f` to the job objects of a body: one job, or each job of a list. */
function mapJobs(body: unknown, f: (job: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (isJob(body)) return f(body);
  const list = body as { object?: unknown; data?: unknown };
  if (list && list.object === "list" && Array.isArray(list.data)) return { ...list, data: list.data.map((j) => (isJob(j) ? f(j) : j)) };
  return body;
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/** Store quirks by clause: each breaks exactly that clause. */
const QUIRKS: Record<string, keyof JobStoreQuirks> = {
  "FT-003": "leaveTerminal",
  "FT-005": "hideModels",
  "FT-006": "noLineage",
  "FT-007": "ignoreCancel",
  "FT-008": "cancelTerminal",
  "FT-010": "noStatusEvents",
  "FT-014": "noError",
};

export function fineTuningQuirks(clauses: readonly string[]): JobStoreQuirks {
  return Object.fromEntries(clauses.filter((c) => c in QUIRKS).map((c) => [QUIRKS[c], true]));
}

export const fineTuningFaults: FaultDefinition[] = [
  {
    clause: "FT-001",
    description: "answers a created fine-tuning job with status 201 instead of 200",
    transformStatus: (status, ctx) => (onJobs(ctx) && ctx.method === "POST" && ctx.path === "/v1/fine_tuning/jobs" && status === 200 ? 201 : status),
  },
  {
    clause: "FT-002",
    description: "leaves the seed member out of job objects",
    transformBody: (body, ctx) =>
      onJobs(ctx)
        ? mapJobs(body, (job) => {
            const { seed: _seed, ...rest } = job;
            return rest;
          })
        : body,
  },
  { clause: "FT-003", description: "a succeeded job reads as running again on the next read" },
  {
    clause: "FT-004",
    description: "keeps finished_at null after a job has finished",
    transformBody: (body, ctx) => (onJobs(ctx) ? mapJobs(body, (job) => (TERMINAL.has(job.status as string) ? { ...job, finished_at: null } : job)) : body),
  },
  { clause: "FT-005", description: "does not serve the model of a succeeded job" },
  { clause: "FT-006", description: "serves a fine-tuned model without its fine-tuned lineage in lis" },
  { clause: "FT-007", description: "answers a cancel with a cancelled job but lets the job go on" },
  { clause: "FT-008", description: "accepts cancelling a job that has already finished" },
  {
    clause: "FT-009",
    description: "answers an unknown job id with a 404 whose code is null instead of job_not_found",
    transformBody: (body, ctx) => {
      const error = (body as { error?: { code?: unknown } })?.error;
      return onJobs(ctx) && ctx.status === 404 && error?.code === "job_not_found" ? { error: { ...error, code: null } } : body;
    },
  },
  { clause: "FT-010", description: "records no events for status changes" },
  { clause: "FT-011", description: "accepts out-of-range hyperparameters (n_epochs 0) without an error" },
  {
    clause: "FT-012",
    description: "leaves has_more out of the job list",
    transformBody: (body, ctx) => {
      if (!(ctx.method === "GET" && ctx.path === "/v1/fine_tuning/jobs")) return body;
      const { has_more: _hasMore, ...rest } = body as Record<string, unknown>;
      return rest;
    },
  },
  { clause: "FT-014", description: "gives a failed job no error object" },
];
