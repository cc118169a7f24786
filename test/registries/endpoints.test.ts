/**
 * The endpoint registry (spec/<version>/http.md, "Endpoint registry"; 1.0's corrected table is in its
 * ERRATA.md) against the version's OpenAPI document: every operation of the document is a row of the
 * registry and every row an operation, with the same profiles.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { endpointsOfProfile, loadEndpoints, readEndpoints, type Endpoint } from "../../tools/registries/endpoints.js";
import { tableUnder } from "../../tools/registries/tables.js";
import { SPEC_VERSIONS, schemaDir, specDir } from "../../tools/util/paths.js";
import { existsSync } from "node:fs";
import { runCli } from "../support/cli.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

describe.each(SPEC_VERSIONS)("the endpoint registry of spec %s", (version) => {
  const registry = loadEndpoints(version);
  const openapi = parse(readFileSync(join(schemaDir(version), "openapi.yaml"), "utf8")) as { paths: Record<string, Record<string, { "x-lis-profiles"?: string[] }>> };
  const operations = Object.entries(openapi.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, profiles: op["x-lis-profiles"] ?? [] })),
  );

  it("has every operation of the OpenAPI document, and the document has every endpoint of the registry", () => {
    const inRegistry = registry.map((e) => `${e.method} ${e.path}`).sort();
    expect(operations.map((o) => o.key).sort()).toEqual(inRegistry);
    expect(inRegistry.length).toBeGreaterThanOrEqual(11);
  });

  it("gives each endpoint the profiles that its operation declares (x-lis-profiles): the defining one and those that extend it", () => {
    for (const e of registry) {
      const op = operations.find((o) => o.key === `${e.method} ${e.path}`)!;
      expect([e.profile, ...e.extendedBy].sort(), `${e.method} ${e.path}`).toEqual([...op.profiles].sort());
    }
  });

  it("names a spec document of the version for each endpoint", () => {
    for (const e of registry) expect(existsSync(join(specDir(version), e.definedIn)), `${e.method} ${e.path}: ${e.definedIn}`).toBe(true);
  });
});

describe("the endpoint registry across versions", () => {
  it("keeps every endpoint of 1.0 in 1.1 with its profile (a minor version only adds)", () => {
    const next = new Map(loadEndpoints("1.1").map((e) => [`${e.method} ${e.path}`, e]));
    for (const e of loadEndpoints("1.0")) {
      expect(next.get(`${e.method} ${e.path}`)?.profile, `${e.method} ${e.path}`).toBe(e.profile);
      for (const p of e.extendedBy) expect(next.get(`${e.method} ${e.path}`)?.extendedBy).toContain(p);
    }
  });

  it("lists for each profile the endpoints it defines or extends", () => {
    const registry = loadEndpoints("1.1");
    expect(endpointsOfProfile(registry, "fine-tuning").map((e) => `${e.method} ${e.path}`)).toEqual([
      "GET /models", "GET /models/{model}", "POST /fine_tuning/jobs", "GET /fine_tuning/jobs", "GET /fine_tuning/jobs/{job}", "POST /fine_tuning/jobs/{job}/cancel", "GET /fine_tuning/jobs/{job}/events",
    ]);
    expect(endpointsOfProfile(registry, "reasoning").map((e) => `${e.method} ${e.path}`)).toEqual(["POST /chat/completions"]);
  });
});

describe("reading an endpoint table", () => {
  const rowsOf = (body: string) =>
    tableUnder(`# HTTP\n\n## Endpoint registry\n\nText.\n\n| Method | Path | Profile | Extended by | Defined in |\n| --- | --- | --- | --- | --- |\n${body}\n\n## Next\n`, "Endpoint registry")!.rows;

  it("reads method, path, profiles and the defining document", () => {
    const { endpoints, problems } = readEndpoints(rowsOf("| GET | `/models/{model}` | core | model-metadata, fine-tuning | [models.md](models.md) |"), "http.md");
    expect(problems).toEqual([]);
    expect(endpoints).toEqual<Endpoint[]>([{ method: "GET", path: "/models/{model}", profile: "core", extendedBy: ["model-metadata", "fine-tuning"], definedIn: "models.md", file: "http.md", line: 9 }]);
  });

  it("names each malformed row by file and line", () => {
    const { problems } = readEndpoints(rowsOf("| FETCH | models | chatty | — | x.md |\n| GET | `/models` | core | — | m.md |\n| GET | `/models` | core | — | m.md |"), "http.md");
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '9: method "FETCH" is not one of GET, POST, PUT, PATCH, DELETE',
      '9: path "models" is not a path below the base URL (segments of a-z, 0-9, _ . - or {name})',
      expect.stringMatching(/^9: unknown profile "chatty"; known: core, /),
      "11: GET /models is listed twice",
    ]);
  });

  it("finds no table under a heading that has none, nor one inside a code fence", () => {
    expect(tableUnder("## Endpoint registry\n\nNo table.\n\n## Next\n\n| a |\n| --- |\n| 1 |\n", "Endpoint registry")).toBeUndefined();
    expect(tableUnder("```\n## Endpoint registry\n\n| a |\n| --- |\n```\n", "Endpoint registry")).toBeUndefined();
  });
});

describe("lis registry endpoints (subprocess)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "lis-registry-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("lists the endpoints of a version as a table and as JSON", () => {
    const table = runCli(["registry", "endpoints", "--spec", "1.1"]);
    expect(table.stderr).toBe("");
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^METHOD\s+PATH\s+PROFILE\s+EXTENDED BY\s+DEFINED IN\n/);
    expect(table.stdout).toMatch(/\nGET\s+\/\.well-known\/lis\s+discovery\s/);
    const json = JSON.parse(runCli(["registry", "endpoints", "--spec", "1.0", "--format", "json"]).stdout) as Endpoint[];
    expect(json.map((e) => `${e.method} ${e.path}`)).toEqual(loadEndpoints("1.0").map((e) => `${e.method} ${e.path}`));
    // 1.0's text is frozen; its corrected registry is read from its errata.
    expect(json[0].file).toBe("spec/1.0/ERRATA.md");
  });

  it("refuses a draft whose table is broken with exit 2, naming file:line, without a stack trace", () => {
    writeFileSync(join(tmp, "http.md"), "# HTTP\n\n## Endpoint registry\n\n| Method | Path | Profile | Extended by | Defined in |\n| --- | --- | --- | --- | --- |\n| GET | `/models` | chatty | — | models.md |\n");
    const r = runCli(["registry", "endpoints", "--dir", tmp]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^lis: 1 problem in the endpoint registry:\n {2}\S*http\.md:7: unknown profile "chatty"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const none = runCli(["registry", "error-codes", "--dir", tmp]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/errors\.md has no table under "## Error codes"/);
  });
});
