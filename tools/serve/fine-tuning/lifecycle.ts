/** The lifecycle of a fine-tuning job (spec/1.0/fine-tuning.md, "Lifecycle"), as data. */
export type JobStatus = "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";

export const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  validating_files: ["queued", "failed", "cancelled"],
  queued: ["running", "cancelled"],
  running: ["succeeded", "failed", "cancelled"],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const isTerminal = (s: JobStatus) => TRANSITIONS[s].length === 0;
export const canCancel = (s: JobStatus) => TRANSITIONS[s].includes("cancelled");
export const allowed = (from: JobStatus, to: JobStatus) => TRANSITIONS[from].includes(to);
