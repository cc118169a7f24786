/**
 * Endpoints the proxy relays as they are, for profiles the upstream itself declares (classification,
 * fine-tuning): the request is checked at the HTTP level only (JSON object, size, key) and judged by the
 * upstream; the answer keeps its body, and an error answer gets the LIS envelope.
 */
import type { Adapter, Reply } from "./adapter.js";
import { badGateway } from "./errors.js";
import { isObj, type Obj } from "./rule.js";
import { fromResponse } from "./upstream-error.js";
import { transportFailure } from "./upstream.js";

export async function relay(a: Adapter, method: string, pathAndQuery: string, body: Obj | undefined, forward: Record<string, string>): Promise<Reply> {
  // Below /v1 on the proxy is below the upstream's base URL.
  const outcome = await a.chat.send(method, pathAndQuery.replace(/^\/v1\//, ""), body, forward);
  if (outcome.error) throw transportFailure(outcome.error);
  const r = outcome.response;
  if (r.status < 200 || r.status > 299) throw fromResponse(a.engine, a.redact, r);
  const json = r.json ?? a.engine.parse(r.bodyText);
  if (!isObj(json) && !Array.isArray(json)) throw badGateway(`the model server's answer is not JSON${r.jsonError ? ` (${r.jsonError})` : ""}`);
  return { kind: "json", status: r.status, body: json };
}
