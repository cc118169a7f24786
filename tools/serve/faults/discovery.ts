/** Faults of the discovery document (spec/1.0/discovery.md): each breaks exactly one DISC clause. */
import { ApiError } from "../http/errors.js";
import { MAX_BATCH_SIZE } from "../endpoints/discovery.js";
import { CONTEXT_LENGTH } from "../validate/chat.js";
import type { FaultDefinition, ReplyContext } from "./types.js";

type Doc = Record<string, unknown>;
/** Rewrites the discovery document (a 200 of GET /.well-known/lis) and leaves every other body alone. */
const onDiscovery = (edit: (doc: Doc) => Doc) => (body: unknown, ctx: ReplyContext) =>
  ctx.endpoint === "discovery" && ctx.status === 200 && typeof body === "object" && body !== null ? edit(body as Doc) : body;

export const DISCOVERY_FAULTS: readonly FaultDefinition[] = [
  {
    clause: "DISC-001",
    description: "the discovery document's object member is \"discovery\" instead of \"lis.discovery\"",
    transformBody: onDiscovery((d) => ({ ...d, object: "discovery" })),
  },
  {
    clause: "DISC-002",
    description: "lis_versions lists only 1.1, not the 1.0 the server implements",
    transformBody: onDiscovery((d) => ({ ...d, lis_versions: ["1.1"] })),
  },
  {
    clause: "DISC-003",
    description: "profiles leaves out core",
    transformBody: onDiscovery((d) => ({ ...d, profiles: (d.profiles as string[]).filter((p) => p !== "core") })),
  },
  {
    clause: "DISC-005",
    description: "models lists an id (lis-phantom) that GET /models does not",
    transformBody: onDiscovery((d) => ({ ...d, models: [...(d.models as string[]), "lis-phantom"] })),
  },
  {
    clause: "DISC-006",
    // Limits not honoured: max_tokens is refused at the stated limit (off by one; values beyond it are still
    // capped as CHAT-041 requires), and max_batch_size is stated at twice the batch the endpoints accept.
    // Refusing 2048 inputs instead would also break EMB-021, which asks every server to take 2048.
    description: "a chat request whose max_tokens equals limits.max_tokens is refused (off by one), and limits.max_batch_size states twice the batch that /embeddings and /classifications accept",
    transformRequest(body, ctx) {
      const param = body.max_tokens != null ? "max_tokens" : "max_completion_tokens";
      if (ctx.endpoint === "chat" && body[param] === CONTEXT_LENGTH) {
        throw new ApiError(400, `'${param}' must be less than ${CONTEXT_LENGTH}.`, "invalid_request_error", param, "invalid_value");
      }
      return body;
    },
    transformBody: onDiscovery((d) => ({ ...d, limits: { ...(d.limits as Doc), max_batch_size: 2 * MAX_BATCH_SIZE } })),
  },
];
