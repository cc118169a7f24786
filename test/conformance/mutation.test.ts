import { describe, expect, it } from "vitest";
import { faultsOfVersion, formatMutation, loadDependants, loadKnownImprecise, runMutation, sampleFaults } from "../../tools/conformance/mutation.js";
import { loadClauses } from "../../tools/clauses/registry.js";
import { SPEC_VERSIONS } from "../../tools/util/paths.js";

// The suite proves itself: for every fault of the reference server, a run fails and names that clause,
// and no clause other than the faulted one (and its listed logical dependants) fails. Each spec version's
// suite is proven on the faults of its own clauses (1.1's suite is 1.0's plus 1.1's cases, so 1.0's faults
// are judged again there). A full pass runs the suite once per fault (~180 runs, about 2.5 minutes per
// version here); LIS_MUTATION=sample runs an evenly spread sample of MUTATION_SAMPLE faults for a quick
// local check. `lis conformance --mutation` prints the score.
const MUTATION_SAMPLE = 16;
describe.each(SPEC_VERSIONS)("mutation self-test of spec %s", (version) => {
  /** Faults not yet judged precisely (conformance/<version>/mutation-known.yaml): tolerated, but stale entries fail. */
  const known = loadKnownImprecise(version);

  it("the dependants and known-imprecise files name only live clauses", () => {
    const ids = new Set(loadClauses(version).map((c) => c.id));
    for (const clause of known.keys()) expect(ids.has(clause), clause).toBe(true);
    for (const [clause, deps] of loadDependants(version)) {
      expect(ids.has(clause), clause).toBe(true);
      for (const id of deps) if (!id.includes("*")) expect(ids.has(id), id).toBe(true);
    }
  });

  it("every fault is detected under its own clause and nothing else", async () => {
    const { listFaults } = await import("../../tools/serve/faults/index.js");
    const all = faultsOfVersion(listFaults().map((f) => ({ clause: f.clause, description: f.description })), loadClauses(version));
    expect(all.length).toBeGreaterThan(0);
    const faults = process.env.LIS_MUTATION === "sample" ? sampleFaults(all, MUTATION_SAMPLE) : all;
    // The reference server answers in milliseconds: short timeouts keep a fault that hangs from stalling the run.
    const report = await runMutation({ spec: version, faults, parallel: 3, run: { concurrency: 6, timeoutMs: 10_000, deadlineMs: 180_000 }, onFault: (o) => process.stderr.write(`${o.detected ? "✓" : "✗"} ${version} ${o.clause}${o.collateral.length ? ` (+${o.collateral.join(",")})` : ""}\n`) });
    process.stdout.write(`spec ${version}: ${formatMutation(report)}`);
    const missed = report.faults.filter((o) => !o.detected && !known.has(o.clause)).map((o) => `${o.clause}: not detected (verdict ${o.verdict})`);
    const imprecise = report.faults.filter((o) => o.collateral.length > 0 && !known.has(o.clause)).map((o) => `${o.clause}: also failed ${o.collateral.join(", ")}`);
    const stale = report.faults.filter((o) => known.has(o.clause) && o.detected && o.collateral.length === 0).map((o) => `${o.clause}: now judged precisely; remove it from mutation-known.yaml`);
    expect([...missed, ...imprecise, ...stale], `mutation score ${(report.score * 100).toFixed(1)}%`).toEqual([]);
    // A MUST fault fails the run (exit 1); a SHOULD fault only warns.
    expect(report.faults.filter((o) => o.level === "MUST" && !o.runFailed && !known.has(o.clause)).map((o) => o.clause)).toEqual([]);
  }, 900_000);
});
