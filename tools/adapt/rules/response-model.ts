import { firstChunkOnly, type Obj, type RepairRule } from "../rule.js";

/** The response's `model` is a listed id or the one asked for (CHAT-032, STREAM-007), never a file path the server loaded. */
export const responseModel: RepairRule = {
  keyword: "response-model",
  description: "answer with the requested model id when the upstream names a model that it does not list",
  completion(c, _args, x) {
    fix(c, x.request.model, x.listed);
  },
  // In a stream only the first chunk needs it: stream-identity gives every chunk the first one's.
  stream: (_args, x) => firstChunkOnly((c) => fix(c, x.request.model, x.listed)),
};

function fix(o: Obj, asked: string, listed: ReadonlySet<string>): void {
  if (typeof o.model === "string" && (o.model === asked || listed.has(o.model))) return;
  o.model = asked;
}
