import { describe, expect, it } from "vitest";
import { formatMutation, loadDependants, runMutation, sampleFaults } from "../../tools/conformance/mutation.js";
import { loadClauses } from "../../tools/clauses/registry.js";

// The suite proves itself: for every fault of the reference server, a run fails and names that clause,
// and no clause other than the faulted one (and its listed logical dependants) fails. A full pass runs
// the suite once per fault (150 runs); `npm test` runs an evenly spread sample of MUTATION_SAMPLE faults,
// LIS_MUTATION=full runs them all (as does `lis conformance --mutation`, which prints the score).
const MUTATION_SAMPLE = 16;
describe("mutation self-test", () => {
  it("the dependants file names only live clauses", () => {
    const ids = new Set(loadClauses("1.0").map((c) => c.id));
    for (const [clause, deps] of loadDependants("1.0")) {
      expect(ids.has(clause), clause).toBe(true);
      for (const id of deps) if (!id.includes("*")) expect(ids.has(id), id).toBe(true);
    }
  });

  it("every fault is detected under its own clause and nothing else", async () => {
    const { listFaults } = await import("../../tools/serve/faults/index.js");
    const all = listFaults().map((f) => ({ clause: f.clause, description: f.description }));
    expect(all.length).toBeGreaterThan(0);
    const faults = process.env.LIS_MUTATION === "full" ? all : sampleFaults(all, MUTATION_SAMPLE);
    // The reference server answers in milliseconds: short timeouts keep a fault that hangs from stalling the run.
    const report = await runMutation({ faults, parallel: 3, run: { concurrency: 6, timeoutMs: 10_000, deadlineMs: 180_000 }, onFault: (o) => process.stderr.write(`${o.detected ? "✓" : "✗"} ${o.clause}${o.collateral.length ? ` (+${o.collateral.join(",")})` : ""}\n`) });
    process.stdout.write(formatMutation(report));
    const missed = report.faults.filter((o) => !o.detected).map((o) => `${o.clause}: not detected (verdict ${o.verdict})`);
    const imprecise = report.faults.filter((o) => o.collateral.length > 0).map((o) => `${o.clause}: also failed ${o.collateral.join(", ")}`);
    expect([...missed, ...imprecise], `mutation score ${(report.score * 100).toFixed(1)}%`).toEqual([]);
    // A MUST fault fails the run (exit 1); a SHOULD fault only warns.
    expect(report.faults.filter((o) => o.level === "MUST" && !o.runFailed).map((o) => o.clause)).toEqual([]);
  }, 900_000);
});
