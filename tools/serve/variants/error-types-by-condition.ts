import { onError } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const errorTypesByCondition: VariantDefinition = {
  name: "error-types-by-condition",
  description: "a wrong key (401) and an unknown model (404) have type invalid_request_error, as OpenAI sends them",
  allowedBy: [{ clause: "ERR-004", quote: "`error.type` MUST be one of the error types in the table below." }],
  departsFrom: [{ clause: "ERR-005", why: "the SHOULD matches type to status; OpenAI sends invalid_request_error with its 401 and its unknown-model 404" }],
  transformBody: onError((error, ctx) => (ctx.status === 401 || error.code === "model_not_found" ? { ...error, type: "invalid_request_error" } : error)),
};
