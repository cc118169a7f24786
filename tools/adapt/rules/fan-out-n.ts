import type { RepairRule } from "../rule.js";

/**
 * `n` > 1 for an upstream that generates one choice per request (llama.cpp refuses n with 500): the proxy
 * sends n requests and joins their choices (CHAT-015). With a seed, request i gets seed + i, so the choices
 * differ from each other and the whole answer is still reproducible.
 */
export const fanOutN: RepairRule = {
  keyword: "fan-out-n",
  description: "serve n > 1 with n upstream requests of one choice each",
  chatRequest(body, _args, x) {
    if (x.request.n > 1) x.fanOut = x.request.n;
    delete body.n;
  },
};
