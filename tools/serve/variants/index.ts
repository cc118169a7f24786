/**
 * Every variant of the reference server: each one small module exporting one definition (types.ts), listed
 * here. A variant uses one freedom that the spec leaves open; `lis conformance --variation` runs the suite
 * once per variant and requires that it passes each (the variation self-test).
 */
import { LisError, EXIT } from "../../util/errors.js";
import type { VariantDefinition } from "./types.js";
import { absentAsNull } from "./absent-as-null.js";
import { alternatingRolesOnly } from "./alternating-roles-only.js";
import { messageNamesRendered } from "./message-names-rendered.js";
import { toolCallsWithText } from "./tool-calls-with-text.js";
import { batchLimit64 } from "./batch-limit-64.js";
import { cacheDependentOutput } from "./cache-dependent-output.js";
import { choicesOneAfterAnother } from "./choices-one-after-another.js";
import { choicesShareChunks } from "./choices-share-chunks.js";
import { coarseChunks } from "./coarse-chunks.js";
import { connectionClose } from "./connection-close.js";
import { contentTypeSpelling } from "./content-type-spelling.js";
import { coreKeywordsOnly } from "./core-keywords-only.js";
import { corsEnabled } from "./cors-enabled.js";
import { dimensionsRefused } from "./dimensions-refused.js";
import { discoveryExtensions } from "./discovery-extensions.js";
import { discoveryWithoutLimits } from "./discovery-without-limits.js";
import { embeddingsJitter } from "./embeddings-jitter.js";
import { emptyToolCalls } from "./empty-tool-calls.js";
import { equalEffortLevels } from "./equal-effort-levels.js";
import { errorCodesSparse } from "./error-codes-sparse.js";
import { errorMessagesReworded } from "./error-messages-reworded.js";
import { errorTypesByCondition } from "./error-types-by-condition.js";
import { extraHeaders } from "./extra-headers.js";
import { fineChunks } from "./fine-chunks.js";
import { fineTuningMetricsEvents } from "./fine-tuning-metrics-events.js";
import { fineTuningSlowJobs } from "./fine-tuning-slow-jobs.js";
import { finishWithLastPiece } from "./finish-with-last-piece.js";
import { fixedLabelsOnly } from "./fixed-labels-only.js";
import { fourStopStrings } from "./four-stop-strings.js";
import { gzipResponses } from "./gzip-responses.js";
import { headerNameCase } from "./header-name-case.js";
import { idFormats } from "./id-formats.js";
import { immediateStop } from "./immediate-stop.js";
import { jsonContentWhitespace } from "./json-content-whitespace.js";
import { jsonWhitespace } from "./json-whitespace.js";
import { limitBeyondContextRefused } from "./limit-beyond-context-refused.js";
import { logprobsUnsupported } from "./logprobs-unsupported.js";
import { mediaTooLarge413 } from "./media-too-large-413.js";
import { memberOrder } from "./member-order.js";
import { modelAliases } from "./model-aliases.js";
import { modelCreatedRestamped } from "./model-created-restamped.js";
import { modelDeprecated } from "./model-deprecated.js";
import { noMultipleChoices } from "./no-multiple-choices.js";
import { noVersionHeader } from "./no-version-header.js";
import { nullMembersOmitted } from "./null-members-omitted.js";
import { numberSpelling } from "./number-spelling.js";
import { objectRootOnly } from "./object-root-only.js";
import { oneToolCall } from "./one-tool-call.js";
import { reasonsByDefault } from "./reasons-by-default.js";
import { roleDeltaContentNull } from "./role-delta-content-null.js";
import { roleInFirstPiece } from "./role-in-first-piece.js";
import { roleOnEveryDelta } from "./role-on-every-delta.js";
import { singleLabelOnly } from "./single-label-only.js";
import { splitWrites } from "./split-writes.js";
import { sseComments } from "./sse-comments.js";
import { sseCrlf } from "./sse-crlf.js";
import { strictRefused } from "./strict-refused.js";
import { tokenIdsRefused } from "./token-ids-refused.js";
import { toolCallFragments } from "./tool-call-fragments.js";
import { trailingSlashServed } from "./trailing-slash-served.js";
import { unknownMembers } from "./unknown-members.js";
import { unknownPath401 } from "./unknown-path-401.js";
import { unnormalisedEmbeddings } from "./unnormalised-embeddings.js";
import { unreproducibleSampling } from "./unreproducible-sampling.js";
import { untypedBodyParsed } from "./untyped-body-parsed.js";
import { usageDetails } from "./usage-details.js";
import { usageUnasked } from "./usage-unasked.js";

export type { VariantDefinition, SpecText } from "./types.js";

export const VARIANTS: readonly VariantDefinition[] = [
  absentAsNull,
  alternatingRolesOnly,
  messageNamesRendered,
  toolCallsWithText,
  batchLimit64,
  cacheDependentOutput,
  choicesOneAfterAnother,
  choicesShareChunks,
  coarseChunks,
  connectionClose,
  contentTypeSpelling,
  coreKeywordsOnly,
  corsEnabled,
  dimensionsRefused,
  discoveryExtensions,
  discoveryWithoutLimits,
  embeddingsJitter,
  emptyToolCalls,
  equalEffortLevels,
  errorCodesSparse,
  errorMessagesReworded,
  errorTypesByCondition,
  extraHeaders,
  fineChunks,
  fineTuningMetricsEvents,
  fineTuningSlowJobs,
  finishWithLastPiece,
  fixedLabelsOnly,
  fourStopStrings,
  gzipResponses,
  headerNameCase,
  idFormats,
  immediateStop,
  jsonContentWhitespace,
  jsonWhitespace,
  limitBeyondContextRefused,
  logprobsUnsupported,
  mediaTooLarge413,
  memberOrder,
  modelAliases,
  modelCreatedRestamped,
  modelDeprecated,
  noMultipleChoices,
  noVersionHeader,
  nullMembersOmitted,
  numberSpelling,
  objectRootOnly,
  oneToolCall,
  reasonsByDefault,
  roleDeltaContentNull,
  roleInFirstPiece,
  roleOnEveryDelta,
  singleLabelOnly,
  splitWrites,
  sseComments,
  sseCrlf,
  strictRefused,
  tokenIdsRefused,
  toolCallFragments,
  trailingSlashServed,
  unknownMembers,
  unknownPath401,
  unnormalisedEmbeddings,
  unreproducibleSampling,
  untypedBodyParsed,
  usageDetails,
  usageUnasked,
];

/** The variants sorted by name (what `lis serve --list-variants` prints). */
export function listVariants(): readonly VariantDefinition[] {
  return [...VARIANTS].sort((a, b) => a.name.localeCompare(b.name));
}

/** The definitions of the named variants, in the order given; an unknown name is a usage error. */
export function resolveVariants(names: readonly string[] = []): VariantDefinition[] {
  return names.map((name) => {
    const variant = VARIANTS.find((v) => v.name === name.trim().toLowerCase());
    if (!variant) throw new LisError(`no variant '${name}'; run 'lis serve --list-variants' to see them`, EXIT.USAGE);
    return variant;
  });
}
