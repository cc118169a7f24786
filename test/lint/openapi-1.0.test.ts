import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../../tools/lint/lint.js";
import { schemaDir } from "../../tools/util/paths.js";

const openapi = join(schemaDir("1.0"), "openapi.yaml");

describe("schemas/1.0/openapi.yaml", () => {
  it("exists", () => {
    expect(existsSync(openapi), `${openapi} is missing`).toBe(true);
  });
  it.skipIf(!existsSync(openapi))("lints clean with the LIS ruleset: no findings at any severity", async () => {
    const report = await lintFiles([openapi]);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`)).toEqual([]);
  });
});
