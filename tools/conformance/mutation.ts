/**
 * The mutation self-test of the suite: run it against the reference server once per fault
 * (`lis serve --list-faults`) and check that each run fails and names the faulted clause — and no clause
 * that passes without the fault, other than the listed logical dependants
 * (conformance/<version>/fault-dependants.yaml). The score is faults detected with the right clause / faults.
 */
import { DEFAULT_SPEC_VERSION } from "../util/paths.js";
import { globFilter, loadSuite, runConformance, type ConformanceOptions } from "./conformance.js";
import { chainEntries } from "./versions.js";
import { mapInParallel } from "../util/parallel.js";

export interface FaultOutcome {
  clause: string;
  description: string;
  /** The faulted clause failed. */
  detected: boolean;
  /** The run's exit code was 1. */
  runFailed: boolean;
  /** Clauses that failed under the fault, passed without it, and are not listed dependants. */
  collateral: string[];
  /** Listed dependants that failed (allowed). */
  dependants: string[];
  verdict: string;
  level?: "MUST" | "SHOULD" | "MAY";
}

export interface MutationReport {
  faults: FaultOutcome[];
  /** Clauses failing without any fault (the server's own failures; excluded from collateral). */
  baselineFailures: string[];
  detected: number;
  precise: number;
  score: number;
}

/** Logical dependants per faulted clause: the union over the version and the versions it inherits from. */
export function loadDependants(version = DEFAULT_SPEC_VERSION): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of chainEntries<{ clauses?: string[] } | null>(version, "fault-dependants.yaml", "dependants")) out.set(k, [...new Set([...(out.get(k) ?? []), ...(v?.clauses ?? [])])]);
  return out;
}

/** Faults known not to be judged precisely yet (mutation-known.yaml), over the version's chain. */
export function loadKnownImprecise(version = DEFAULT_SPEC_VERSION): Map<string, string> {
  return new Map(chainEntries<string>(version, "mutation-known.yaml", "known"));
}

/** The faults that a version's suite can judge: those of its clauses (a 1.1 fault means nothing to 1.0). */
export function faultsOfVersion<T extends { clause: string }>(faults: readonly T[], clauses: readonly { id: string; withdrawn: boolean }[]): T[] {
  const ids = new Set(clauses.filter((c) => !c.withdrawn).map((c) => c.id));
  return faults.filter((f) => ids.has(f.clause));
}

export async function runMutation(options: { faults: { clause: string; description: string }[]; spec?: string; parallel?: number; run?: Partial<ConformanceOptions>; onFault?: (o: FaultOutcome) => void }): Promise<MutationReport> {
  const spec = options.spec ?? DEFAULT_SPEC_VERSION;
  const dependants = loadDependants(spec);
  const suite = loadSuite({ spec, ...options.run });
  options = { ...options, faults: faultsOfVersion(options.faults, suite.clauses) };
  const base = await runConformance({ spec, ...options.run, suite });
  const failingAtBase = new Set(base.report.clauses.filter((c) => c.verdict === "fail").map((c) => c.id));
  const outcomes = await mapInParallel(options.faults, options.parallel ?? 4, async (fault) => {
    const { report } = await runConformance({ spec, ...options.run, suite, serverFaults: [fault.clause] });
    const failing = report.clauses.filter((c) => c.verdict === "fail").map((c) => c.id);
    // Dependants may be globs ("EMB-*", "*") for faults that by their nature break a whole area.
    const patterns = dependants.get(fault.clause) ?? [];
    const isAllowed = patterns.length > 0 ? globFilter(patterns.join(",")) : () => false;
    const allowed = { has: (id: string) => isAllowed(id) };
    const extra = failing.filter((id) => id !== fault.clause && !failingAtBase.has(id));
    const outcome: FaultOutcome = {
      clause: fault.clause,
      description: fault.description,
      detected: failing.includes(fault.clause),
      runFailed: report.summary.exitCode === 1,
      collateral: extra.filter((id) => !allowed.has(id)),
      dependants: extra.filter((id) => allowed.has(id)),
      verdict: report.clauses.find((c) => c.id === fault.clause)?.verdict ?? "not in the selected profiles",
      level: report.clauses.find((c) => c.id === fault.clause)?.level,
    };
    options.onFault?.(outcome);
    return outcome;
  });
  const detected = outcomes.filter((o) => o.detected).length;
  const precise = outcomes.filter((o) => o.detected && o.collateral.length === 0).length;
  return { faults: outcomes, baselineFailures: [...failingAtBase].sort(), detected, precise, score: outcomes.length === 0 ? 0 : precise / outcomes.length };
}

/** An evenly spread, deterministic subset of `count` faults (all of them when count ≥ the list). */
export function sampleFaults<T>(faults: readonly T[], count: number): T[] {
  if (count >= faults.length) return [...faults];
  const step = faults.length / count;
  return Array.from({ length: count }, (_, i) => faults[Math.floor(i * step)]);
}

export function formatMutation(m: MutationReport): string {
  const lines = m.faults.map((o) => `${o.detected ? (o.collateral.length === 0 ? "✓" : "~") : "✗"} ${o.clause.padEnd(11)} ${o.detected ? "detected" : `NOT detected (verdict ${o.verdict})`}${o.collateral.length ? `; also failed: ${o.collateral.join(", ")}` : ""}${o.dependants.length ? `; dependants: ${o.dependants.join(", ")}` : ""}`);
  lines.push(`mutation score: ${m.precise}/${m.faults.length} faults detected with the right clause and nothing else (${(m.score * 100).toFixed(1)}%); ${m.detected}/${m.faults.length} detected at all`);
  if (m.baselineFailures.length > 0) lines.push(`clauses failing without any fault (excluded): ${m.baselineFailures.join(", ")}`);
  return lines.join("\n") + "\n";
}
