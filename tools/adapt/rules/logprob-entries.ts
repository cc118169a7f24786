import { choicesOf, isObj, type Obj, type RepairRule } from "../rule.js";

/**
 * Log-probability entries in OpenAI's shape (CHAT-023, CHAT-024): `bytes` filled in from the token's text
 * where the upstream leaves it out, and each `top_logprobs` list sorted from most to least likely and cut to
 * the number asked for (llama.cpp's build of 2025-02 sends more).
 */
export const logprobEntries: RepairRule = {
  keyword: "logprob-entries",
  description: "complete bytes, sort top_logprobs and cut them to top_logprobs entries",
  completion(c, _args, x) {
    if (x.request.logprobs) for (const ch of choicesOf(c)) fix(ch, x.request.topLogprobs);
  },
  stream: (_args, x) =>
    x.request.logprobs
      ? {
          chunk(c, emit) {
            for (const ch of choicesOf(c)) fix(ch, x.request.topLogprobs);
            emit(c);
          },
        }
      : undefined,
};

function fix(choice: Obj, top: number): void {
  const entries = isObj(choice.logprobs) && Array.isArray(choice.logprobs.content) ? choice.logprobs.content : [];
  for (const e of entries) {
    if (!isObj(e)) continue;
    fillBytes(e);
    if (!Array.isArray(e.top_logprobs)) continue;
    const alts = e.top_logprobs.filter(isObj);
    alts.forEach(fillBytes);
    alts.sort((a, b) => (typeof b.logprob === "number" ? b.logprob : -Infinity) - (typeof a.logprob === "number" ? a.logprob : -Infinity));
    e.top_logprobs = alts.slice(0, top);
  }
}

function fillBytes(e: Obj): void {
  if (e.bytes === undefined && typeof e.token === "string") e.bytes = [...Buffer.from(e.token, "utf8")];
}
