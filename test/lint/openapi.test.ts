import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lintFiles } from "../../tools/lint/lint.js";
import { matchRoute } from "../../tools/serve/routes.js";
import { SPEC_VERSIONS, schemaDir } from "../../tools/util/paths.js";

describe.each(SPEC_VERSIONS)("schemas/%s/openapi.yaml", (version) => {
  const openapi = join(schemaDir(version), "openapi.yaml");
  it("exists", () => {
    expect(existsSync(openapi), `${openapi} is missing`).toBe(true);
  });
  it.skipIf(!existsSync(openapi))("lints clean with the LIS ruleset: no findings at any severity", async () => {
    const report = await lintFiles([openapi]);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`)).toEqual([]);
  });

  it.skipIf(!existsSync(openapi))("agrees with the reference server: every operation of the document is a route of lis serve (same path below /v1, same method)", () => {
    const api = parse(readFileSync(openapi, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(api.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBe(11);
    const unserved = operations.filter((op) => {
      const [method, path] = op.split(" ");
      try {
        matchRoute(method!, `/v1${path!.replace(/\{[^}]+\}/g, "x-1")}`);
        return false;
      } catch {
        return true;
      }
    });
    expect(unserved).toEqual([]);
  });
});
