import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdapter, type RunningAdapter } from "../../tools/adapt/server.js";
import { buildMatrix } from "../../tools/compatibility/build.js";
import { parseBaseline } from "../../tools/conformance/baseline.js";
import { runConformance } from "../../tools/conformance/conformance.js";
import { matrixRow, type MatrixRow } from "../../tools/conformance/reporters/matrix-row.js";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import { yaml } from "../../tools/util/lazy-packages.js";
import { ROOT } from "../../tools/util/paths.js";
import { hasLlama, startLlama, type RunningLlama } from "../support/llama-server.js";

/**
 * The compatibility matrix is made from runs, and these tests keep it true: each measured row is the row a
 * fresh run gives, and through lis adapt the only MUST clauses llama-server fails are those listed with a
 * reason. `npm run compatibility` (LIS_REGENERATE=1) runs the same and rewrites the rows, the list (keeping
 * its reasons) and the matrix instead of comparing.
 */
const DIR = join(ROOT, "conformance", "compatibility");
const REGENERATE = process.env.LIS_REGENERATE === "1";
const EXPECT = join(DIR, "llama.cpp+adapt.expect.yaml");
const rowFile = (name: string) => join(DIR, "rows", `${name}.json`);

/** What a row says that a re-run must say again (not its date or tool version). */
const verdicts = (row: MatrixRow) => ({ spec: row.spec, profiles: Object.fromEntries(Object.entries(row.profiles).map(([p, v]) => [p, v.verdict])), failedMust: row.failedMust });

function checkOrWrite(name: string, row: MatrixRow): void {
  if (REGENERATE) writeFileSync(rowFile(name), JSON.stringify(row, null, 2) + "\n");
  else expect(verdicts(row), `rows/${name}.json is out of date: npm run compatibility`).toEqual(verdicts(JSON.parse(readFileSync(rowFile(name), "utf8")) as MatrixRow));
}

/** Reasons are written by people: a regenerated list keeps them and marks what is new. */
function writeExpectations(report: ConformanceReport): void {
  const old = new Map(parseBaseline(readFileSync(EXPECT, "utf8"), EXPECT).entries.map((e) => [e.clause, e.reason]));
  const header = readFileSync(EXPECT, "utf8").split("\n").filter((l) => l.startsWith("#")).join("\n");
  const failures = report.clauses.filter((c) => c.verdict === "fail" && c.level === "MUST").map((c) => ({ clause: c.id, reason: old.get(c.id) ?? "TODO: say why a proxy cannot make this true" }));
  writeFileSync(EXPECT, `${header}\n${yaml().stringify({ spec: report.spec, "expected-failures": failures }, { lineWidth: 110 })}`);
}

describe("the compatibility matrix (conformance/compatibility)", () => {
  it("the reference server's row is what a run gives", async () => {
    const { report } = await runConformance({ spec: "1.1", concurrency: 6 });
    checkOrWrite("reference", matrixRow(report));
  }, 300_000);

  it.skipIf(!hasLlama || !REGENERATE)("(regenerating) llama.cpp's direct row: chat profiles from a chat server, embeddings from an embeddings server", async () => {
    const [chat, embeddings] = await Promise.all([startLlama(), startLlama({ embeddings: true })]);
    try {
      // As the issue on real-server verdicts runs it: both servers in one run, one request at a time (the default).
      const { report } = await runConformance({ spec: "1.1", baseUrl: chat.url, embeddingBaseUrl: embeddings.url, model: "tiny-llama", profiles: ["core", "streaming", "tools", "structured-output", "embeddings"] });
      const row = matrixRow(report);
      checkOrWrite("llama.cpp", row);
    } finally {
      await Promise.all([chat.close(), embeddings.close()]);
    }
  }, 600_000);

  describe.skipIf(!hasLlama)("llama.cpp's llama-server through lis adapt", () => {
    let chat: RunningLlama;
    let embeddings: RunningLlama;
    let proxy: RunningAdapter;
    const apiKey = randomBytes(24).toString("base64url").replace(/[-_]/g, "");
    beforeAll(async () => {
      [chat, embeddings] = await Promise.all([startLlama(), startLlama({ embeddings: true })]);
      // As a user would start it: the dialect recognised, a key of its own, CORS on, embeddings from the second server.
      proxy = await startAdapter({ upstream: chat.url, embeddingsUpstream: embeddings.url, port: 0, apiKey, cors: "*" });
    }, 120_000);
    afterAll(async () => {
      await proxy?.close();
      await Promise.all([chat?.close(), embeddings?.close()]);
    });

    it("recognises llama.cpp and declares what it can make conform", () => {
      expect(proxy.adapter.dialect.name).toBe("llama.cpp");
      expect(proxy.adapter.profiles).toEqual(["core", "streaming", "tools", "structured-output", "embeddings", "discovery"]);
    });

    it("the suite's failed MUST clauses are only those listed with a reason (llama.cpp+adapt.expect.yaml)", async () => {
      const { report } = await runConformance({ spec: "1.1", baseUrl: proxy.url, model: "tiny-llama", apiKey, expect: REGENERATE ? undefined : EXPECT, concurrency: 4 });
      if (REGENERATE) writeExpectations(report);
      const listed = parseBaseline(readFileSync(EXPECT, "utf8"), EXPECT).entries;
      for (const e of listed) expect(e.reason, `${e.clause}: give the reason`).not.toMatch(/^TODO/);
      const crashed = [chat, embeddings].find((s) => s.crashed());
      expect(crashed?.log().slice(-2000), "llama-server crashed during the run").toBeUndefined();
      if (!REGENERATE) {
        const unexpected = [...report.summary.unexpectedFailures, ...report.summary.unexpectedErrors, ...(report.baseline?.stale ?? []).map((s) => `${s.id} (listed, but passes now)`)];
        expect(unexpected, "through lis adapt, llama-server fails clauses not listed with a reason (or a listed one passes)").toEqual([]);
        expect(report.summary.exitCode).toBe(0);
      }
      const row = matrixRow(report);
      expect(row.failedMust).toEqual(listed.map((e) => e.clause).filter((id): id is string => id !== undefined));
      checkOrWrite("llama.cpp+adapt", row);
    }, 600_000);
  });

  // Last: the matrix is made from the rows as they now are.
  it("README.md and the rows' pages are what servers.yaml, the rows, the reasons and the dialects say (lis compatibility --check)", () => {
    const m = buildMatrix(DIR);
    for (const o of [m, ...m.pages]) {
      if (REGENERATE) writeFileSync(o.file, o.text);
      else expect(o.current, `${o.file} is out of date: lis compatibility`).toBe(true);
    }
    expect(m.pages.map((p) => p.file).sort()).toEqual([join(DIR, "llama.cpp+adapt.md"), join(DIR, "llama.cpp.md")].sort());
  });
});
