import { onError } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/** Codes of the table that no clause requires by name: a server may leave them out (null). */
const UNREQUIRED = new Set(["invalid_type", "not_found", "internal_error", "overloaded"]);

export const errorCodesSparse: VariantDefinition = {
  name: "error-codes-sparse",
  description: "errors whose code no clause requires (invalid_type, not_found, internal_error) carry code null",
  allowedBy: [
    { clause: "ERR-008", quote: "`error.code` MUST be either `null` or a non-empty string" },
    { clause: "ERR-009", quote: "clauses of this specification that name a code make it mandatory for their case" },
  ],
  departsFrom: [{ clause: "ERR-009", why: "the SHOULD asks for the table's code wherever one fits; many servers send null" }],
  transformBody: onError((error) => (typeof error.code === "string" && UNREQUIRED.has(error.code) ? { ...error, code: null } : error)),
};
