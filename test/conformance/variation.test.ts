import { describe, expect, it } from "vitest";
import { formatVariation, loadKnownVariations, runVariation } from "../../tools/conformance/variation.js";
import { sampleFaults } from "../../tools/conformance/mutation.js";
import { loadClauses } from "../../tools/clauses/registry.js";
import { SPEC_VERSIONS } from "../../tools/util/paths.js";
import { VARIANTS } from "../../tools/serve/variants/index.js";

// The suite proves its specificity: for every variant of the reference server (one freedom the spec leaves
// open, `lis serve --list-variants`), a run fails no clause that passes without it — apart from the SHOULD
// clauses the variant declares it departs from — and ends no case in error. Known, not yet fixed failures are
// listed in conformance/<version>/variation-known.yaml (a listed failure that now passes is stale). A full
// pass runs the suite once per variant (about 64 runs per version); LIS_VARIATION=sample runs an evenly
// spread sample. `lis conformance --variation` prints the score.
const VARIATION_SAMPLE = 12;
describe.each(SPEC_VERSIONS)("variation self-test of spec %s", (version) => {
  const known = loadKnownVariations(version);

  it("the known-failures file names only variants that exist and clauses of this version", () => {
    const ids = new Set(loadClauses(version).map((c) => c.id));
    const names = new Set(VARIANTS.map((v) => v.name));
    for (const [name, entry] of known) {
      expect(names.has(name), name).toBe(true);
      expect(entry.why.length, `${name}: why`).toBeGreaterThan(10);
      for (const id of entry.clauses) expect(ids.has(id), `${name}: ${id}`).toBe(true);
    }
  });

  it("every legal variant passes: no clause failed, no case in error", async () => {
    const all = VARIANTS.map((v) => ({ name: v.name, description: v.description, departsFrom: v.departsFrom }));
    const variants = process.env.LIS_VARIATION === "sample" ? sampleFaults(all, VARIATION_SAMPLE) : all;
    // The reference server answers in milliseconds: short timeouts keep a variant that stalls from stalling the run.
    const report = await runVariation({
      spec: version,
      variants,
      parallel: 3,
      run: { concurrency: 6, timeoutMs: 10_000, deadlineMs: 180_000 },
      onVariant: (o) => process.stderr.write(`${o.accepted ? "✓" : "✗"} ${version} ${o.name}${o.failed.length ? ` (${o.failed.map((f) => f.id).join(",")})` : ""}\n`),
    });
    process.stdout.write(`spec ${version}: ${formatVariation(report, known)}`);
    const problems: string[] = [];
    for (const o of report.variants) {
      const listed = new Set(known.get(o.name)?.clauses ?? []);
      for (const f of o.failed) if (!listed.has(f.id)) problems.push(`${o.name}: ${f.id} (${f.level}) failed on a legal variant`);
      for (const e of o.errors) problems.push(`${o.name}: case ${e.id} ended in error (${e.reason})`);
      const failed = new Set(o.failed.map((f) => f.id));
      for (const id of listed) if (!failed.has(id)) problems.push(`${o.name}: ${id} no longer fails; remove it from variation-known.yaml`);
    }
    expect(problems, `variation score ${(report.score * 100).toFixed(1)}%`).toEqual([]);
  }, 900_000);
});
