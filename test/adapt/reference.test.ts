import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDialect } from "../../tools/adapt/dialect.js";
import { startAdapter } from "../../tools/adapt/server.js";
import { loadSuite, runConformance } from "../../tools/conformance/conformance.js";
import { sampleFaults } from "../../tools/conformance/mutation.js";
import { listFaults } from "../../tools/serve/faults/index.js";
import { yaml } from "../../tools/util/lazy-packages.js";
import { ROOT, SPEC_VERSIONS } from "../../tools/util/paths.js";

/** lis adapt in front of each embedded reference server (the keyed one and its keyless twin), with a dialect. */
const through = (dialect: string) => (url: string, apiKey: string | undefined) => startAdapter({ upstream: url, upstreamKey: apiKey, apiKey, dialect, port: 0 });
const verdicts = (r: Awaited<ReturnType<typeof runConformance>>) => Object.fromEntries(r.report.clauses.map((c) => [c.id, c.verdict]));

interface Repairable {
  dialect: string;
  spec: string;
  faults: { fault: string; by: string }[];
}
const REPAIRABLE = join(ROOT, "tools", "adapt", "repairable-faults.yaml");
const repairable = yaml().parse(readFileSync(REPAIRABLE, "utf8")) as Repairable;
const BY = /^(validation|http|model list|discovery|rule [a-z0-9-]+)$/;

describe("lis adapt in front of the reference server", () => {
  it.each(SPEC_VERSIONS)("changes no verdict (spec %s, --dialect auto)", async (spec) => {
    const direct = await runConformance({ spec, concurrency: 6 });
    const adapted = await runConformance({ spec, concurrency: 6, wrapEmbedded: through("auto") });
    expect(adapted.report.target.baseUrl).not.toBe(direct.report.target.baseUrl);
    expect(verdicts(adapted)).toEqual(verdicts(direct));
    expect(adapted.report.profiles).toEqual(direct.report.profiles);
  }, 300_000);

  it("repairable-faults.yaml names faults of lis serve, once each, and how the proxy repairs each", () => {
    const known = new Set(listFaults().map((f) => f.clause));
    const keywords = new Set(loadDialect(repairable.dialect).rules.map((r) => r.repair));
    const ids = repairable.faults.map((f) => f.fault);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of repairable.faults) {
      expect(known.has(f.fault), `${f.fault} is not a fault of lis serve`).toBe(true);
      expect(f.by, f.fault).toMatch(BY);
      if (f.by.startsWith("rule ")) expect(keywords.has(f.by.slice(5)), `${f.fault}: ${f.by} is not a rule of the ${repairable.dialect} dialect`).toBe(true);
    }
  });

  // Each listed fault: through the proxy, the suite fails no clause at all. One run per fault (about a
  // hundred); LIS_ADAPT_FAULTS=sample runs an evenly spread sample for a quick local check.
  it("repairs every fault listed in repairable-faults.yaml: the suite passes as if there were none", async () => {
    const suite = loadSuite({ spec: repairable.spec });
    const all = repairable.faults.map((f) => f.fault);
    const faults = process.env.LIS_ADAPT_FAULTS === "sample" ? sampleFaults(all, 12) : all;
    const broken: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < faults.length) {
        const fault = faults[next++];
        const { report } = await runConformance({ spec: repairable.spec, suite, concurrency: 4, timeoutMs: 10_000, serverFaults: [fault], wrapEmbedded: through(repairable.dialect) });
        const failing = report.clauses.filter((c) => c.verdict === "fail").map((c) => c.id);
        const errored = report.cases.filter((c) => c.status === "error").map((c) => c.id);
        if (failing.length > 0 || errored.length > 0) broken.push(`${fault}: still fails ${[...failing, ...errored].join(", ")}`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(broken).toEqual([]);
  }, 1_800_000);
});
