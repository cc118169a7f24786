import { LisError, EXIT } from "../../util/errors.js";
import type { FaultDefinition } from "./types.js";
import { conventionFaults } from "./conventions.js";
import { httpFaults } from "./http.js";
import { errorFaults } from "./errors.js";
import { modelFaults } from "./models.js";
import { chatFaults } from "./chat.js";
import { streamingFaults } from "./streaming.js";
import { toolFaults } from "./tools.js";
import { structuredOutputFaults } from "./structured-output.js";
import { embeddingFaults } from "./embeddings.js";
import { versioningFaults } from "./versioning.js";
import { PROFILE_FAULTS } from "./profiles.js";
import { fineTuningFaults } from "./fine-tuning.js";
import { reasoningFaults } from "./reasoning.js";
import { performanceFaults } from "./performance.js";

export type { FaultDefinition, ReplyContext, Chunk, FaultFlag, Endpoint, InterceptReply } from "./types.js";

/** Every fault the server can inject, one definition per clause (each area's module lists its own). */
export const FAULTS: readonly FaultDefinition[] = [
  ...conventionFaults,
  ...httpFaults,
  ...errorFaults,
  ...modelFaults,
  ...chatFaults,
  ...streamingFaults,
  ...toolFaults,
  ...structuredOutputFaults,
  ...embeddingFaults,
  ...versioningFaults,
  ...PROFILE_FAULTS,
  ...fineTuningFaults,
  ...reasoningFaults,
  ...performanceFaults,
];

export function listFaults(): readonly FaultDefinition[] {
  return [...FAULTS].sort((a, b) => a.clause.localeCompare(b.clause));
}

/** The definitions of the faults of these clauses, in the order given; an unknown clause is a usage error. */
export function resolveFaults(clauses: readonly string[] = []): FaultDefinition[] {
  return clauses.map((clause) => {
    const id = clause.trim().toUpperCase();
    const fault = FAULTS.find((f) => f.clause === id);
    if (!fault) throw new LisError(`no fault for clause '${clause}'; run 'lis serve --list-faults' to see them`, EXIT.USAGE);
    return fault;
  });
}
