import type { RepairRule } from "../rule.js";
import { typeForStatus } from "./error-envelope.js";

interface Mapping {
  /** A regular expression the upstream's message must match. */
  message: string;
  /** The upstream status it applies to (any, when absent). */
  status?: number;
  to: { status: number; code?: string | null; param?: string | null };
}

/**
 * Upstream errors the dialect recognises by their message and answers as the spec requires: a prompt over
 * the context that llama.cpp reports as 500 is 400 context_length_exceeded, and so on. Runs after
 * error-envelope; the type follows the new status.
 */
export const errorMap: RepairRule<{ map: Mapping[] }> = {
  keyword: "error-map",
  description: "re-classify known upstream errors by their message",
  args: {
    type: "object",
    required: ["map"],
    properties: {
      map: {
        type: "array",
        items: {
          type: "object",
          required: ["message", "to"],
          properties: {
            message: { type: "string" },
            status: { type: "integer" },
            to: { type: "object", required: ["status"], properties: { status: { type: "integer" }, code: { type: ["string", "null"] }, param: { type: ["string", "null"] } }, additionalProperties: false },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  error(e, args) {
    if (!e.envelope) return;
    for (const m of args.map) {
      if (m.status !== undefined && m.status !== e.status) continue;
      if (!new RegExp(m.message, "i").test(e.envelope.message)) continue;
      e.status = m.to.status;
      e.envelope = { ...e.envelope, type: typeForStatus(m.to.status), ...(m.to.code !== undefined ? { code: m.to.code } : {}), ...(m.to.param !== undefined ? { param: m.to.param } : {}) };
      return;
    }
  },
};
