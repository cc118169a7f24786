/**
 * The variation self-test of the suite (specificity), the mirror of the mutation self-test: run it against
 * the reference server once per variant (`lis serve --list-variants`), each a freedom the spec leaves open,
 * and check that the suite accepts every one — no clause that passes without the variant fails with it
 * (apart from the SHOULD clauses the variant declares it departs from), and no case ends in error.
 * Failures not yet fixed are listed in conformance/<version>/variation-known.yaml, each with its reason.
 */
import { DEFAULT_SPEC_VERSION } from "../util/paths.js";
import { loadSuite, runConformance, type ConformanceOptions } from "./conformance.js";
import { chainEntries } from "./versions.js";
import { mapInParallel } from "../util/parallel.js";

export interface VariantUnderTest {
  name: string;
  description: string;
  departsFrom?: { clause: string }[];
}

export interface VariantOutcome {
  name: string;
  description: string;
  /** Clauses that passed without the variant and failed with it, other than its declared departures: the suite's false charges. */
  failed: { id: string; level: string }[];
  /** Declared departures (SHOULD clauses the variant knowingly does not follow) that failed, as expected. */
  departed: string[];
  /** Cases that ended in error with the variant (and not without it): the runner could not judge a legal server. */
  errors: { id: string; reason: string }[];
  /** Clauses that passed without the variant and were not judged with it (untested, not applicable): reported, not failed. */
  unjudged: string[];
  /** Whether the suite accepted the variant: nothing failed and nothing errored. */
  accepted: boolean;
  /** Wall time of the variant's run. */
  durationMs: number;
}

export interface VariationReport {
  variants: VariantOutcome[];
  /** Clauses failing without any variant (the server's own failures; excluded from the comparison). */
  baselineFailures: string[];
  accepted: number;
  score: number;
}

/** Failures of the suite on variants that are known and not fixed yet (variation-known.yaml), by variant, over the version's chain. */
export function loadKnownVariations(version = DEFAULT_SPEC_VERSION): Map<string, { clauses: string[]; why: string }> {
  const out = new Map<string, { clauses: string[]; why: string }>();
  for (const [name, entry] of chainEntries<{ clauses?: string[]; why?: string } | null>(version, "variation-known.yaml", "known")) {
    const before = out.get(name);
    out.set(name, { clauses: [...new Set([...(before?.clauses ?? []), ...(entry?.clauses ?? [])])], why: [before?.why, entry?.why].filter(Boolean).join(" ") });
  }
  return out;
}

export async function runVariation(options: { variants: VariantUnderTest[]; spec?: string; parallel?: number; run?: Partial<ConformanceOptions>; onVariant?: (o: VariantOutcome) => void }): Promise<VariationReport> {
  const spec = options.spec ?? DEFAULT_SPEC_VERSION;
  const suite = loadSuite({ spec, ...options.run });
  const base = await runConformance({ spec, ...options.run, suite });
  const verdictAtBase = new Map(base.report.clauses.map((c) => [c.id, c.verdict]));
  const erroredAtBase = new Set(base.report.cases.filter((c) => c.status === "error").map((c) => c.id));
  const outcomes = await mapInParallel(options.variants, options.parallel ?? 4, async (variant) => {
    const { report } = await runConformance({ spec, ...options.run, suite, serverVariants: [variant.name] });
    const departures = new Set((variant.departsFrom ?? []).map((d) => d.clause));
    const lost = report.clauses.filter((c) => verdictAtBase.get(c.id) === "pass" && c.verdict !== "pass");
    const failed = lost.filter((c) => c.verdict === "fail");
    const errors = report.cases.filter((c) => c.status === "error" && !erroredAtBase.has(c.id)).map((c) => ({ id: c.id, reason: c.reason ?? "error" }));
    const outcome: VariantOutcome = {
      name: variant.name,
      description: variant.description,
      failed: failed.filter((c) => !departures.has(c.id)).map((c) => ({ id: c.id, level: c.level })),
      departed: failed.filter((c) => departures.has(c.id)).map((c) => c.id),
      errors,
      unjudged: lost.filter((c) => c.verdict !== "fail").map((c) => `${c.id} (${c.verdict})`),
      accepted: false,
      durationMs: report.durationMs,
    };
    outcome.accepted = outcome.failed.length === 0 && errors.length === 0;
    options.onVariant?.(outcome);
    return outcome;
  });
  const accepted = outcomes.filter((o) => o.accepted).length;
  return {
    variants: outcomes,
    baselineFailures: base.report.clauses.filter((c) => c.verdict === "fail").map((c) => c.id).sort(),
    accepted,
    score: outcomes.length === 0 ? 0 : accepted / outcomes.length,
  };
}

export function formatVariation(r: VariationReport, known: ReadonlyMap<string, { clauses: string[] }> = new Map()): string {
  const lines = r.variants.map((o) => {
    const mark = o.accepted ? "✓" : "✗";
    const failed = o.failed.length > 0 ? `; failed: ${o.failed.map((f) => `${f.id} (${f.level})`).join(", ")}${known.has(o.name) ? " [known: variation-known.yaml]" : ""}` : "";
    const errors = o.errors.length > 0 ? `; errors: ${o.errors.map((e) => `${e.id} (${e.reason})`).join(", ")}` : "";
    const departed = o.departed.length > 0 ? `; departs from: ${o.departed.join(", ")}` : "";
    const unjudged = o.unjudged.length > 0 ? `; not judged: ${o.unjudged.join(", ")}` : "";
    return `${mark} ${o.name.padEnd(30)} ${o.accepted ? "accepted" : "REJECTED"}${failed}${errors}${departed}${unjudged}`;
  });
  lines.push(`variation score: ${r.accepted}/${r.variants.length} legal variants accepted with no clause failed and no case errored (${(r.score * 100).toFixed(1)}%)`);
  if (r.baselineFailures.length > 0) lines.push(`clauses failing without any variant (excluded): ${r.baselineFailures.join(", ")}`);
  return lines.join("\n") + "\n";
}
