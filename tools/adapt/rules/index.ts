/** Every repair keyword a dialect file may use, by name (like ajv's keyword list). */
import type { RepairRule } from "../rule.js";
import { assistantRole } from "./assistant-role.js";
import { completeThenStream } from "./complete-then-stream.js";
import { contentText } from "./content-text.js";
import { createdSeconds } from "./created-seconds.js";
import { defaultMember } from "./default-member.js";
import { dropMembers } from "./drop-members.js";
import { embeddingList } from "./embedding-list.js";
import { embeddingsBase64 } from "./embeddings-base64.js";
import { errorEnvelope } from "./error-envelope.js";
import { errorMap } from "./error-map.js";
import { fanOutN } from "./fan-out-n.js";
import { finishOnce } from "./finish-once.js";
import { finishReasonValues } from "./finish-reason-values.js";
import { historyMembers } from "./history-members.js";
import { jsonFences } from "./json-fences.js";
import { jsonLiterals } from "./json-literals.js";
import { jsonSchemaAsJsonObject } from "./json-schema-as-json-object.js";
import { logprobEntries } from "./logprob-entries.js";
import { logprobsWhenAsked } from "./logprobs-when-asked.js";
import { modelList } from "./model-list.js";
import { noErrorMember } from "./no-error-member.js";
import { objectType } from "./object-type.js";
import { omitNullMembers } from "./omit-null-members.js";
import { oneIndexPerChunk } from "./one-index-per-chunk.js";
import { oneToolCall } from "./one-tool-call.js";
import { promptLength } from "./prompt-length.js";
import { reasoningMarkup } from "./reasoning-markup.js";
import { reasoningMember } from "./reasoning-member.js";
import { refuseMembers } from "./refuse-members.js";
import { renameMember } from "./rename-member.js";
import { renameRole } from "./rename-role.js";
import { responseModel } from "./response-model.js";
import { roleFirst } from "./role-first.js";
import { stopStrings } from "./stop-strings.js";
import { streamIdentity } from "./stream-identity.js";
import { streamUsage } from "./stream-usage.js";
import { textPartsAsString } from "./text-parts-as-string.js";
import { toolCallArguments } from "./tool-call-arguments.js";
import { toolCallDeltas } from "./tool-call-deltas.js";
import { toolCallIds } from "./tool-call-ids.js";
import { toolCallsFinish } from "./tool-calls-finish.js";
import { usageChunk } from "./usage-chunk.js";
import { usageTotal } from "./usage-total.js";
import { vendorMembers } from "./vendor-members.js";

export const allRules: RepairRule[] = [
  assistantRole, completeThenStream, contentText, createdSeconds, defaultMember, dropMembers, embeddingList, embeddingsBase64, errorEnvelope, errorMap,
  fanOutN, finishOnce, finishReasonValues, historyMembers, jsonFences, jsonLiterals, jsonSchemaAsJsonObject, logprobEntries, logprobsWhenAsked, modelList,
  noErrorMember, objectType, omitNullMembers, oneIndexPerChunk, oneToolCall, promptLength, reasoningMarkup, reasoningMember, refuseMembers,
  renameMember, renameRole, responseModel, roleFirst, stopStrings, streamIdentity, streamUsage, textPartsAsString, toolCallArguments,
  toolCallDeltas, toolCallIds, toolCallsFinish, usageChunk, usageTotal, vendorMembers,
];

export const ruleRegistry: ReadonlyMap<string, RepairRule> = new Map(allRules.map((r) => [r.keyword, r]));
