/** Check functions of the fine-tuning profile, registered through one line of index.ts. */
import type { CheckDefinition } from "./types.js";
import { jobStatusFollows } from "./job-status-follows.js";
import { newestStatusEvent } from "./newest-status-event.js";

export const fineTuningChecks: CheckDefinition[] = [jobStatusFollows, newestStatusEvent];
