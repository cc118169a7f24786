import { isObj, type RepairRule } from "../rule.js";

/** Streams are requested with usage, so that the proxy can send the usage chunk where STREAM-014 puts it (or leave it out, STREAM-015). */
export const streamUsage: RepairRule = {
  keyword: "stream-usage",
  description: "ask the upstream for usage in every stream (stream_options.include_usage: true)",
  chatRequest(body) {
    if (body.stream !== true) return;
    body.stream_options = { ...(isObj(body.stream_options) ? body.stream_options : {}), include_usage: true };
  },
};
