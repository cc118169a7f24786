// lis conformance against a real server nobody on this project wrote: llama.cpp's llama-server
// (../shared/real-servers/llama.cpp), started as its README says, a chat server and an embeddings server.
// Its verdicts must be reproducible and true:
// - three runs, each on freshly started servers, give the same verdict for every clause (1.0 and 1.1);
// - the clauses that fail are exactly those listed, each with its divergence and the evidence, in
//   conformance/compatibility/llama.cpp[-1.0].expect.yaml (shown in llama.cpp.md): a failure not listed,
//   or a listed one that passes, fails this test;
// - the run ended complete, and neither server crashed during it.
// Skipped, with a note, where the server is absent.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBaseline } from "../../tools/conformance/baseline.js";
import { runConformance } from "../../tools/conformance/conformance.js";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import { ROOT } from "../../tools/util/paths.js";
import { hasLlama, startLlama } from "../support/llama-server.js";

/** The profiles llama-server serves (its chat server, and a second process for embeddings). */
const PROFILES = ["core", "streaming", "tools", "structured-output", "embeddings"];
const RUNS = 3;
const EXPECT: Record<string, string> = {
  "1.0": join(ROOT, "conformance", "compatibility", "llama.cpp-1.0.expect.yaml"),
  "1.1": join(ROOT, "conformance", "compatibility", "llama.cpp.expect.yaml"),
};

/** One run on servers started for it alone, closed after it. */
async function freshRun(spec: string): Promise<ConformanceReport> {
  const [chat, embeddings] = await Promise.all([startLlama(), startLlama({ embeddings: true })]);
  try {
    const { report } = await runConformance({ spec, baseUrl: chat.url, embeddingBaseUrl: embeddings.url, model: "tiny-llama", profiles: PROFILES, expect: EXPECT[spec] });
    const crash = [chat, embeddings].find((s) => s.crashed());
    expect(crash?.log().slice(-2000), "llama-server crashed during the run").toBeUndefined();
    return report;
  } finally {
    await Promise.all([chat.close(), embeddings.close()]);
  }
}

const verdicts = (r: ConformanceReport) => Object.fromEntries(r.clauses.map((c) => [c.id, c.verdict]));

describe.skipIf(!hasLlama)("lis conformance against llama.cpp's llama-server: reproducible verdicts, every failure a listed divergence", () => {
  it.each(Object.keys(EXPECT))(
    "spec %s: three runs on fresh servers agree clause by clause, and fail exactly the listed clauses",
    async (spec) => {
      const listed = parseBaseline(readFileSync(EXPECT[spec], "utf8"), EXPECT[spec]).entries.map((e) => e.clause);
      const reports: ConformanceReport[] = [];
      for (let i = 0; i < RUNS; i++) reports.push(await freshRun(spec));
      for (const [i, r] of reports.entries()) {
        expect(r.run.status, `run ${i + 1}: ${r.run.reason ?? ""}`).toBe("complete");
        expect(verdicts(r), `run ${i + 1} differs from run 1`).toEqual(verdicts(reports[0]));
        // MUST and SHOULD alike: every failed clause is a divergence on the list, and every listed one fails.
        expect(r.clauses.filter((c) => c.verdict === "fail").map((c) => c.id).sort(), `run ${i + 1}: failed clauses vs ${EXPECT[spec]}`).toEqual([...listed].sort());
        expect(r.cases.filter((c) => c.status === "error").map((c) => `${c.id}: ${c.reason}`), `run ${i + 1}: cases in error`).toEqual([]);
      }
    },
    1_800_000,
  );
});
