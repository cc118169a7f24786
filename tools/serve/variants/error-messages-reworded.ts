import { onError } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

/**
 * Another server's wording: terse, built from the envelope's own members. Numbers and versions of the
 * original message are kept, since some clauses ask the message to state a limit (EMB-022) or the versions
 * served (VER-005).
 */
function reworded(error: Record<string, unknown>): string {
  const numbers = String(error.message ?? "").match(/\d+(?:\.\d+)*/g) ?? [];
  const at = typeof error.param === "string" ? ` at ${error.param}` : "";
  return `Request rejected (${String(error.code ?? error.type)}${at})${numbers.length > 0 ? `; see ${numbers.join(", ")}` : ""}.`;
}

export const errorMessagesReworded: VariantDefinition = {
  name: "error-messages-reworded",
  description: "error messages are worded differently: terse, in one fixed pattern, keeping only the numbers of the original",
  allowedBy: [{ clause: "ERR-003", quote: "`error.message` MUST be a non-empty string." }],
  transformBody: onError((error) => ({ ...error, message: reworded(error) })),
};
