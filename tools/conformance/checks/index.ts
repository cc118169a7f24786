/** Every named check function; cases refer to them by `name` (`lis conformance --list-checks`). */
import type { CheckDefinition } from "./types.js";
import { apiKeyNotEchoed } from "./api-key-not-echoed.js";
import { argumentsConcatenateToValidJson } from "./arguments-concatenate-to-valid-json.js";
import { base64Float32Decodes } from "./base64-float32-decodes.js";
import { completionTokensWithinMax } from "./completion-tokens-within-max.js";
import { contentIsJson } from "./content-is-json.js";
import { jsonTextAlone } from "./json-text-alone.js";
import { embeddingDimensions } from "./embedding-dimensions.js";
import { errorEnvelope } from "./error-envelope.js";
import { forcedToolCalls } from "./forced-tool-calls.js";
import { embeddingsInInputOrder } from "./embeddings-in-input-order.js";
import { embeddingsMatchStep } from "./embeddings-match-step.js";
import { embeddingsNormalised } from "./embeddings-normalised.js";
import { finalChunkFinishReason } from "./final-chunk-finish-reason.js";
import { logprobsSortedDescending } from "./logprobs-sorted-descending.js";
import { logprobsSumAtMostOne } from "./logprobs-sum-at-most-one.js";
import { matchesListEntry } from "./matches-list-entry.js";
import { oneFinishPerChoice } from "./one-finish-per-choice.js";
import { sameIdAcrossChunks } from "./same-id-across-chunks.js";
import { sseEventFormat } from "./sse-event-format.js";
import { streamMatchesStep } from "./stream-matches-step.js";
import { timestampPlausible } from "./timestamp-plausible.js";
import { uniqueValues } from "./unique-values.js";
import { usageArithmetic } from "./usage-arithmetic.js";
import { suiteChecks } from "./suite-checks.js";
import { profileChecks } from "./profile-checks.js";
import { reasoningChecks } from "./reasoning-checks.js";
import { contentNotHeldBack, streamLastsAtLeast } from "./stream-timing.js";
import { fineTuningChecks } from "./fine-tuning-checks.js";

export const allChecks: CheckDefinition[] = [
  apiKeyNotEchoed,
  argumentsConcatenateToValidJson,
  base64Float32Decodes,
  completionTokensWithinMax,
  contentIsJson,
  jsonTextAlone,
  embeddingDimensions,
  errorEnvelope,
  forcedToolCalls,
  embeddingsInInputOrder,
  embeddingsMatchStep,
  embeddingsNormalised,
  finalChunkFinishReason,
  logprobsSortedDescending,
  logprobsSumAtMostOne,
  matchesListEntry,
  oneFinishPerChoice,
  sameIdAcrossChunks,
  sseEventFormat,
  streamMatchesStep,
  timestampPlausible,
  uniqueValues,
  usageArithmetic,
  ...suiteChecks,
  ...profileChecks,
  ...reasoningChecks,
  streamLastsAtLeast,
  contentNotHeldBack,
  ...fineTuningChecks,
];

export const checkRegistry = new Map(allChecks.map((c) => [c.name, c]));
