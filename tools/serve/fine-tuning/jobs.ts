import type { ServedModel } from "../models.js";
import { allowed, canCancel, isTerminal, type JobStatus } from "./lifecycle.js";

/**
 * The reference server's simulated fine-tuning: real state transitions, no training. A job advances one
 * step per read of the job (`clock: "poll"`, the default, deterministic for tests and conformance cases)
 * or one step per `stepMs` of wall time. Steps: validating_files → queued → running (one step per epoch)
 * → succeeded; a job created with `lis.simulate.fail` fails while its files are validated.
 */
export type FineTuningClock = "poll" | { stepMs: number };

export interface JobSpec {
  model: string;
  trainingFile: string;
  validationFile: string | null;
  hyperparameters: { n_epochs: number; batch_size: number; learning_rate_multiplier: number };
  seed: number;
  suffix: string | null;
  format: "chat" | "classification";
  method: { type: "full" } | { type: "lora"; rank: number; alpha: number };
  simulateFail: boolean;
}

/** A served model with its lineage (read by endpoints/model-metadata.ts for the model object's `lis`). */
export interface FineTunedModel extends ServedModel {
  lineage?: { kind: "fine-tuned"; base_model: string; fine_tuning_job: string };
}

export interface JobEvent {
  id: string;
  object: "fine_tuning.job.event";
  created_at: number;
  level: "info" | "warn" | "error";
  message: string;
  type: "message";
  data: Record<string, unknown> | null;
}

interface JobRecord {
  spec: JobSpec;
  id: string;
  createdAt: number;
  createdMs: number;
  finishedAt: number | null;
  status: JobStatus;
  step: number;
  stepsTaken: number;
  /** How often a client has read the job (each read is a poll). */
  reads: number;
  fineTunedModel: string | null;
  trainedTokens: number | null;
  error: { code: string; message: string; param: string | null } | null;
  events: JobEvent[];
}

/** Deviations that faults switch on (each breaks exactly one clause; see faults/fine-tuning.ts). */
export interface JobStoreQuirks {
  /** FT-003: a succeeded job reads as running again. */
  leaveTerminal?: boolean;
  /** FT-005: a succeeded job's model is not served. */
  hideModels?: boolean;
  /** FT-006: the model object has no fine-tuned lineage. */
  noLineage?: boolean;
  /** FT-007: cancel answers cancelled but the job goes on. */
  ignoreCancel?: boolean;
  /** FT-008: cancelling a finished job is accepted. */
  cancelTerminal?: boolean;
  /** FT-010: status changes are not recorded as events. */
  noStatusEvents?: boolean;
  /** FT-014: a failed job has no error. */
  noError?: boolean;
  /** A slower server (variant fine-tuning-slow-jobs): a polled job advances one step per this many reads. */
  readsPerStep?: number;
}

/** Tokens a simulated epoch "trains" per job: fixed, so trained_tokens is deterministic. */
const TOKENS_PER_EPOCH = 1000;

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private counter = 0;

  constructor(
    private readonly clock: FineTuningClock = "poll",
    private readonly quirks: JobStoreQuirks = {},
    private readonly nowMs: () => number = Date.now,
  ) {}

  create(spec: JobSpec): Record<string, unknown> {
    this.counter++;
    const ms = this.nowMs();
    const id = `ftjob-${String(this.counter).padStart(4, "0")}`;
    const job: JobRecord = { spec, id, createdAt: Math.floor(ms / 1000), createdMs: ms, finishedAt: null, status: "validating_files", step: 0, stepsTaken: 0, reads: 0, fineTunedModel: null, trainedTokens: null, error: null, events: [] };
    this.event(job, "info", `Created fine-tuning job ${id} for ${spec.model}.`, { status: "validating_files" }, true);
    this.jobs.set(id, job);
    return this.view(job);
  }

  /** A job as a client reads it: advances it first (the read is a poll). */
  read(id: string): Record<string, unknown> | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    const wasTerminal = isTerminal(job.status);
    job.reads++;
    this.advance(job, this.clock === "poll" ? Math.floor(job.reads / (this.quirks.readsPerStep ?? 1)) : Math.floor((this.nowMs() - job.createdMs) / this.clock.stepMs));
    // FT-003 fault: a finished job reads as running again (consistently so: no end time, no model).
    if (this.quirks.leaveTerminal && wasTerminal && job.status === "succeeded") return { ...this.view(job), status: "running", finished_at: null, fine_tuned_model: null };
    return this.view(job);
  }

  /** Every job, newest first, without advancing any (reads of the list are not polls of each job). */
  list(): Record<string, unknown>[] {
    return [...this.jobs.values()].reverse().map((j) => this.view(j));
  }

  events(id: string): JobEvent[] | undefined {
    const job = this.jobs.get(id);
    return job ? [...job.events].reverse() : undefined;
  }

  /** Cancels a job; `undefined` for an unknown id, `"not-cancellable"` for a finished one. */
  cancel(id: string): Record<string, unknown> | "not-cancellable" | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (!canCancel(job.status) && !this.quirks.cancelTerminal) return "not-cancellable";
    if (this.quirks.ignoreCancel) return { ...this.view(job), status: "cancelled", finished_at: Math.max(job.createdAt, Math.floor(this.nowMs() / 1000)) };
    if (job.status === "succeeded") job.fineTunedModel = null; // only under the FT-008 fault
    job.status = "cancelled";
    job.finishedAt = Math.max(job.createdAt, Math.floor(this.nowMs() / 1000));
    this.event(job, "info", "Job cancelled.", { status: "cancelled" });
    return this.view(job);
  }

  /** The models that succeeded jobs produced, for GET /models and the endpoints. */
  models(): FineTunedModel[] {
    if (this.quirks.hideModels) return [];
    return [...this.jobs.values()]
      .filter((j) => j.status === "succeeded" && j.fineTunedModel)
      .map((j) => ({
        id: j.fineTunedModel!,
        created: j.finishedAt!,
        owned_by: "lis",
        ...(this.quirks.noLineage ? {} : { lineage: { kind: "fine-tuned" as const, base_model: j.spec.model, fine_tuning_job: j.id } }),
      }));
  }

  private totalSteps(job: JobRecord): number {
    return job.spec.hyperparameters.n_epochs;
  }

  /** Takes steps until `target` steps were taken in all or the job is finished. */
  private advance(job: JobRecord, target: number): void {
    while (job.stepsTaken < target && !isTerminal(job.status)) {
      job.stepsTaken++;
      const now = Math.max(job.createdAt, Math.floor(this.nowMs() / 1000));
      if (job.status === "validating_files") {
        if (job.spec.simulateFail) {
          if (!this.quirks.noError) job.error = { code: "invalid_training_file", message: `The training file ${job.spec.trainingFile} could not be validated (simulated failure).`, param: "training_file" };
          this.move(job, "failed", now);
        } else this.move(job, "queued", now);
      } else if (job.status === "queued") this.move(job, "running", now);
      else if (job.status === "running") {
        job.step++;
        if (job.step >= this.totalSteps(job)) {
          job.fineTunedModel = `ft:${job.spec.model}:${job.spec.suffix ?? "lis"}:${job.id}`;
          job.trainedTokens = TOKENS_PER_EPOCH * job.spec.hyperparameters.n_epochs;
          this.move(job, "succeeded", now);
        } else this.event(job, "info", `Epoch ${job.step} of ${this.totalSteps(job)} done.`, null);
      }
    }
  }

  private move(job: JobRecord, to: JobStatus, now: number): void {
    if (!allowed(job.status, to)) throw new Error(`bug: ${job.status} → ${to} is not a lifecycle transition`);
    job.status = to;
    if (isTerminal(to)) job.finishedAt = now;
    this.event(job, to === "failed" ? "error" : "info", `Status changed to ${to}.`, { status: to });
  }

  private event(job: JobRecord, level: JobEvent["level"], message: string, data: Record<string, unknown> | null, always = false): void {
    if (this.quirks.noStatusEvents && data && !always) return;
    job.events.push({ id: `ftevent-${job.id.slice(6)}-${job.events.length + 1}`, object: "fine_tuning.job.event", created_at: Math.max(job.createdAt, Math.floor(this.nowMs() / 1000)), level, message, type: "message", data });
  }

  private view(job: JobRecord): Record<string, unknown> {
    const { spec } = job;
    return {
      id: job.id,
      object: "fine_tuning.job",
      created_at: job.createdAt,
      finished_at: job.finishedAt,
      model: spec.model,
      fine_tuned_model: job.fineTunedModel,
      status: job.status,
      training_file: spec.trainingFile,
      validation_file: spec.validationFile,
      hyperparameters: { ...spec.hyperparameters },
      seed: spec.seed,
      suffix: spec.suffix,
      trained_tokens: job.trainedTokens,
      error: job.error,
      lis: { format: spec.format, method: { ...spec.method }, progress: { step: job.step, total_steps: this.totalSteps(job) } },
    };
  }
}
