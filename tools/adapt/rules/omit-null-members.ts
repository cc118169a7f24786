import { isObj, type RepairRule } from "../rule.js";

/** Optional members sent as `null` are left out, so an upstream that rejects or misreads `null` sees them absent (ERR-017). */
export const omitNullMembers: RepairRule = {
  keyword: "omit-null-members",
  description: "leave out request members whose value is null (at the top level, in stream_options and in each message, except a message's content)",
  chatRequest(body) {
    dropNulls(body);
    if (isObj(body.stream_options)) dropNulls(body.stream_options);
    // A message's `content: null` stays: it is a value of its own (no text, beside tool calls).
    if (Array.isArray(body.messages)) for (const m of body.messages) if (isObj(m)) dropNulls(m, "content");
  },
  embeddingsRequest(body) {
    dropNulls(body);
  },
};

function dropNulls(o: Record<string, unknown>, keep?: string): void {
  for (const k of Object.keys(o)) if (o[k] === null && k !== keep) delete o[k];
}
