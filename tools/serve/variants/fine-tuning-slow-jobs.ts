import type { VariantDefinition } from "./types.js";

export const fineTuningSlowJobs: VariantDefinition = {
  name: "fine-tuning-slow-jobs",
  description: "fine-tuning jobs advance one step per three reads instead of per read (training takes time), so a job stays validating_files, then queued, for a while",
  allowedBy: [
    { doc: "fine-tuning.md", quote: "The reference server does not train; it simulates a job deterministically." },
    { clause: "FT-003", quote: "A job's `status` MUST change only along the transitions of the lifecycle table" },
  ],
  flags: ["slow-fine-tuning"],
};
