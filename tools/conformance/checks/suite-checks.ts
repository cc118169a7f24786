/**
 * Check functions written for the 1.0 case suite (conformance/1.0/cases), registered through one line of
 * index.ts so that suite authors add checks here without touching the engine's list.
 */
import type { CheckDefinition } from "./types.js";
import { chosenTokenIsTop } from "./chosen-token-is-top.js";
import { contentPrefixOfStep } from "./content-prefix-of-step.js";
import { finishLengthAtLimit } from "./finish-length-at-limit.js";
import { logprobsForContent } from "./logprobs-for-content.js";
import { partialAnswerKept } from "./partial-answer-kept.js";
import { jsonBodyStrict } from "./json-body-strict.js";
import { rawBodyMatches } from "./raw-body-matches.js";
import { logprobTokensMatchContent } from "./logprob-tokens-match-content.js";
import { sameValuesAsStep } from "./same-values-as-step.js";
import { stopSequenceTruncates } from "./stop-sequence-truncates.js";
import { streamEndsAtTerminator } from "./stream-ends-at-terminator.js";
import { streamUsageChunk } from "./stream-usage-chunk.js";
import { stringMatches } from "./string-matches.js";
import { toolCallDeltaFields } from "./tool-call-delta-fields.js";
import { toolCallIndicesInOrder } from "./tool-call-indices-in-order.js";
import { valueAmong } from "./value-among.js";

export const suiteChecks: CheckDefinition[] = [
  chosenTokenIsTop,
  contentPrefixOfStep,
  finishLengthAtLimit,
  jsonBodyStrict,
  logprobsForContent,
  partialAnswerKept,
  logprobTokensMatchContent,
  rawBodyMatches,
  sameValuesAsStep,
  stopSequenceTruncates,
  streamEndsAtTerminator,
  streamUsageChunk,
  stringMatches,
  toolCallDeltaFields,
  toolCallIndicesInOrder,
  valueAmong,
];
