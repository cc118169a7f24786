import type { VariantDefinition } from "./types.js";

/** What a vendor adds: a diagnostic object with a non-ASCII string (servers' notes are not always ASCII). */
const VENDOR = { x_lis_variant: { note: "vendor member — ignore ✓", n: 1 } };

/**
 * Every object of a JSON value gets the vendor member, except the `data` of fine-tuning events, which
 * FT-010 fixes to exactly {"status": …}.
 */
function addEverywhere(value: unknown, member?: string, parent?: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => addEverywhere(v, member, parent));
  if (value === null || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  const walked = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, addEverywhere(v, k, o)]));
  if (member === "data" && parent?.object === "fine_tuning.job.event") return walked;
  return { ...walked, ...VENDOR };
}

export const unknownMembers: VariantDefinition = {
  name: "unknown-members",
  description: "every object of every response (bodies, error envelopes, model objects and their lis, stream chunks, choices and deltas) carries an extra vendor member",
  allowedBy: [
    { doc: "conventions.md", quote: "additional members are permitted everywhere in a response unless a clause says otherwise" },
    { clause: "CONV-002", quote: "A client MUST ignore response members that it does not recognise, including unknown members of `lis`" },
    { doc: "errors.md", quote: "The envelope may carry other members (at the top level or inside `error`)" },
  ],
  transformBody: (body) => addEverywhere(body),
  transformChunks: (chunks) => addEverywhere(chunks) as typeof chunks,
};
