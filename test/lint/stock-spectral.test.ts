import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/util/paths.js";
import { lintFiles } from "../../tools/lint/lint.js";
import { LIS_RULESET_PATH } from "../../tools/lint/ruleset.js";

const fixtures = join(import.meta.dirname, "fixtures");
const spectralCli = join(ROOT, "node_modules", ".bin", "spectral");

type SpectralResult = { code: string; message: string; path: string[]; severity: number; range: { start: { line: number; character: number } } };

/** Runs the stock Spectral CLI with the published ruleset, as a Spectral user would. */
function stockSpectral(file: string): SpectralResult[] {
  const run = spawnSync(spectralCli, ["lint", "--ruleset", LIS_RULESET_PATH, "--format", "json", "--quiet", file], { encoding: "utf8", timeout: 120_000 });
  expect(run.error).toBeUndefined();
  return JSON.parse(run.stdout) as SpectralResult[];
}

const key = (rule: string, message: string, path: Array<string | number>, line: number, severity: string) =>
  `${rule} ${line} ${severity} ${path.join("/")} ${message}`;
const SEVERITY = ["error", "warn", "info", "hint"];

describe("the published ruleset in the stock Spectral CLI gives the same findings as lis lint", () => {
  const files = ["clean.yaml", "rules/lis-error-envelope.yaml", "rules/lis-profile-endpoints.yaml", "rules/lis-stream-event-stream.yaml", "rules/lis-bearer-security.yaml", "rules/lis-embeddings-request-fields.yaml", "rules/lis-security-declared.yaml", "rules/lis-no-422.yaml", "rules/lis-model-response.yaml"];
  for (const name of files) {
    it(name, async () => {
      const file = join(fixtures, name);
      const ours = (await lintFiles([file])).findings.map((f) => key(f.rule, f.message, f.path, f.line, f.severity)).sort();
      const theirs = stockSpectral(file).map((r) => key(r.code, r.message, r.path, r.range.start.line + 1, SEVERITY[r.severity]!)).sort();
      expect(ours).toEqual(theirs);
      if (name !== "clean.yaml") expect(ours.length).toBeGreaterThan(0);
    }, 180_000); // two CLI runs; a generous bound for a loaded machine, not a speed assertion
  }
});
