/** Faults of spec/1.0/errors.md. */
import { unknownParameter, wrongTypeError } from "../http/errors.js";
import { chatParameters } from "../validate/chat.js";
import { EMBEDDING_PARAMETERS } from "../validate/embeddings.js";
import { onError, onSuccess, requestOn } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

/** Every top-level member a 1.1 chat request may carry (the ERR-022 fault refuses the others as null). */
const CHAT_MEMBERS_1_1 = chatParameters({ reasoning: true, openAiMembers: true });

export const errorFaults: FaultDefinition[] = [
  {
    clause: "ERR-022",
    description: "a chat request member that LIS does not define, sent as null (service_tier: null), is refused with unknown_parameter as in 1.0",
    transformRequest: requestOn("chat", (body) => {
      const refused = Object.keys(body).find((k) => body[k] === null && !CHAT_MEMBERS_1_1.has(k));
      if (refused !== undefined) throw unknownParameter(refused);
      return body;
    }),
  },
  {
    clause: "ERR-001",
    description: "unknown paths are answered 404 with a framework-style body {\"detail\": \"Not Found\"}, not an error envelope",
    transformBody: (body, ctx) => (ctx.endpoint === "none" && ctx.status === 404 ? { detail: "Not Found" } : body),
  },
  {
    clause: "ERR-002",
    description: "error envelopes leave out `param` when it is null (llama.cpp style)",
    transformBody: onError(({ param, ...rest }) => (param === null ? rest : { param, ...rest })),
  },
  {
    clause: "ERR-003",
    description: "error messages are empty strings",
    transformBody: onError((error) => ({ ...error, message: "" })),
  },
  {
    clause: "ERR-004",
    description: "400 errors carry type `BadRequestError` (a Python exception name) instead of a type of the table",
    transformBody: onError((error) => ({ ...error, type: "BadRequestError" }), 400),
  },
  {
    clause: "ERR-006",
    description: "`param` is written as a JSON Pointer (`/messages/0/role`) instead of a field path",
    transformBody: onError((error) =>
      typeof error.param === "string" ? { ...error, param: `/${error.param.split(/[.[\]"]+/).filter((p: string) => p !== "").join("/")}` } : error,
    ),
  },
  {
    clause: "ERR-007",
    description: "errors about one request member carry `param: null` instead of naming the member",
    transformBody: onError((error) => ({ ...error, param: null }), 400),
  },
  {
    clause: "ERR-008",
    description: "error `code` is the HTTP status as a number (`\"code\": 400`)",
    transformBody: onError((error, ctx) => ({ ...error, code: ctx.status })),
  },
  {
    clause: "ERR-010",
    description: "invalid requests (every 400) are answered with status 500",
    transformStatus: (status) => (status === 400 ? 500 : status),
  },
  {
    clause: "ERR-012",
    description: "malformed JSON is answered with code `json_parse_error` instead of `invalid_json`",
    transformBody: onError((error, ctx) => (ctx.reason === "malformed-json" ? { ...error, code: "json_parse_error" } : error)),
  },
  {
    clause: "ERR-013",
    description: "a JSON body that is not an object is answered with code `invalid_type` instead of `invalid_json`",
    transformBody: onError((error, ctx) => (ctx.reason === "not-an-object" ? { ...error, code: "invalid_type" } : error)),
  },
  {
    clause: "ERR-014",
    description: "an unknown model in a chat or embeddings request is answered 400 (not 404) model_not_found",
    transformStatus: (status, ctx) => ((ctx.endpoint === "chat" || ctx.endpoint === "embeddings") && status === 404 ? 400 : status),
  },
  {
    clause: "ERR-015",
    description: "unknown request members are silently ignored instead of rejected by name",
    flags: ["accept-unknown-parameters"],
  },
  {
    clause: "ERR-017",
    description: "an optional request member that LIS defines, sent as `null`, is rejected (400 invalid_type) instead of treated as absent",
    transformRequest(body, ctx) {
      // Members LIS defines only: a null member it does not define is ERR-022's.
      const defined = ctx.endpoint === "chat" ? CHAT_MEMBERS_1_1 : ctx.endpoint === "embeddings" ? EMBEDDING_PARAMETERS : undefined;
      const key = Object.keys(body).find((k) => body[k] === null && (defined === undefined || defined.has(k)));
      if (key !== undefined) throw wrongTypeError(key, "a value (null is not accepted)", null);
      return body;
    },
  },
  {
    clause: "ERR-020",
    description: "successful responses carry a top-level `\"error\": null`",
    transformBody: onSuccess(["models", "model", "chat", "embeddings"], (body) => ({ ...body, error: null })),
  },
];

