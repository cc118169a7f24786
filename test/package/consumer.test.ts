import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain ES module of the repository's scripts (no types)
import { footprint, installConsumer, pack } from "../../scripts/consumer-install.mjs";
import { ROOT } from "../../tools/util/paths.js";

// The package as a user gets it: `npm pack`, installed into an empty project (offline, from npm's cache, at
// the versions of this repository's lockfile), then used there: types of every version, the schemas,
// typed validators, the library API, `npx lis`, and the Spectral ruleset by package name.
let work: string;
let project: string;
let files: string[] = [];
let skipped: string | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "lis-package-"));
  project = join(work, "consumer");
  const packed = pack(work);
  files = packed.files;
  const installed = installConsumer(packed.tarball, project);
  if (!installed.ok && installed.notCached) {
    skipped = "npm's cache lacks a dependency (run npm ci first); the consumer-install tests are skipped";
    process.stderr.write(`note: ${skipped}\n`);
  } else if (!installed.ok) throw new Error(`installing the tarball failed:\n${installed.output}`);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd = project) => {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
};

describe("the packed tarball", () => {
  it("holds the built CLI and library, the declarations of every version's types, schemas, spec, cases, ruleset and LICENSE; no source maps, tests or benchmarks", () => {
    for (const f of ["LICENSE", "README.md", "package.json", "dist/tools/cli.js", "dist/tools/index.d.ts", "dist/types/1.0/index.d.ts", "dist/types/1.1/index.d.ts", "schemas/1.0/chat-completion.schema.json", "schemas/1.1/chat-completion.schema.json", "spec/1.0/chat.md", "conformance/1.0/cases/models.yaml", "rulesets/lis.yaml", "dist/conformance/1.0.cases.json"]) expect(files, f).toContain(f);
    expect(files.filter((f) => f.endsWith(".map") || /^(test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it("says where it comes from, under which licence, where to report a bug, and which Node versions it is tested on", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest).toMatchObject({ license: "Apache-2.0", repository: { type: "git", url: expect.stringMatching(/^git\+https:\/\//) }, bugs: { url: expect.stringMatching(/\/issues$/) }, engines: { node: "^20.19.0 || ^24.0.0" } });
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004/);
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/\nnpm test\n(#.*\n)*npm run test:node24\n/);
  });
});

describe("installed in an empty project", () => {
  it("is lean: what only lis generate and lis lint --ruleset need is not installed", (ctx) => {
    if (skipped) return ctx.skip();
    for (const name of ["json-schema-to-typescript", "prettier", "rollup", "@stoplight/spectral-ruleset-bundler", "echarts", "typescript", "vitest"]) expect(existsSync(join(project, "node_modules", name)), name).toBe(false);
    expect(footprint(join(project, "node_modules")).packages).toBeLessThan(200);
  });

  it("type-checks a client that imports the types of every version, a schema, and typed validators (a misspelt schema name does not compile)", (ctx) => {
    if (skipped) return ctx.skip();
    writeFileSync(join(project, "client.ts"), `import type { ChatCompletion, ChatCompletionRequest } from "lis-standard/types/1.0";
import type { SchemaTypes as Schemas11, ReasoningEffort } from "lis-standard/types/1.1";
import { getValidator, runConformance, lint, diff, type ConformanceReport, type SchemaName } from "lis-standard";
import schema from "lis-standard/schemas/1.0/chat-completion.schema.json" with { type: "json" };

const request: ChatCompletionRequest = { model: "m", messages: [{ role: "user", content: "hi" }] };
const result = getValidator("chat-completion")(JSON.parse("{}"));
if (result.valid) {
  const completion: ChatCompletion = result.value;
  completion.choices.map((c) => c.finish_reason);
}
const chunk = getValidator("chat-completion-chunk", "1.1");
const effort: ReasoningEffort | undefined = undefined;
const name: SchemaName = "embedding-list";
// @ts-expect-error a misspelt schema name does not compile
getValidator("chat-completon");
export const used = [request, chunk, effort, name, schema.$id, runConformance, lint, diff, {} as Schemas11["chat-completion"], {} as ConformanceReport];
`);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, resolveJsonModule: true, skipLibCheck: true, typeRoots: [join(ROOT, "node_modules", "@types")], types: ["node"] }, files: ["client.ts"] }));
    const r = run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 240_000);

  it("runs: the library validates against a shipped schema, the types modules and schemas import, conformance runs as a call", (ctx) => {
    if (skipped) return ctx.skip();
    writeFileSync(join(project, "use.mjs"), `import { getValidator, runConformance, diff } from "lis-standard";
import "lis-standard/types/1.0";
import "lis-standard/types/1.1";
import schema from "lis-standard/schemas/1.1/error.schema.json" with { type: "json" };
const bad = getValidator("error")({ error: {} });
const report = await runConformance({ filter: "models-*", profiles: ["core"] });
const changes = diff(new URL("./node_modules/lis-standard/schemas/1.0", import.meta.url).pathname, new URL("./node_modules/lis-standard/schemas/1.1", import.meta.url).pathname);
console.log(JSON.stringify({ id: schema.$id, valid: bad.valid, errors: bad.errors.length, verdict: report.profileVerdicts[0].verdict, cases: report.summary.cases.total, breaking: changes.changes.filter((c) => c.classification === "breaking").length }));
`);
    const r = run(process.execPath, ["use.mjs"]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ id: "https://lis-spec.org/schemas/1.1/error.schema.json", valid: false, breaking: 0 });
    expect(out.errors).toBeGreaterThan(0);
    expect(out.cases).toBeGreaterThan(3);
  }, 240_000);

  it("npx lis conformance works; lis generate and lis lint --ruleset say which optional package to install (exit 2)", (ctx) => {
    if (skipped) return ctx.skip();
    const conformance = run("npx", ["--no-install", "lis", "conformance", "--filter", "models-*", "--profile", "core", "--progress", "none"]);
    expect(conformance.stdout).toMatch(/^LIS 1\.0 conformance: http:\/\/127\.0\.0\.1:\d+\/v1, model lis-tiny \(embedded reference server\)/);
    expect(conformance.stdout).toMatch(/Result: incomplete; exit 0/);
    expect(conformance.status).toBe(0);
    const generate = run("npx", ["--no-install", "lis", "generate", "--check"]);
    expect(generate.stderr).toBe("lis: lis generate needs the package json-schema-to-typescript, which lis-standard leaves optional: npm install --save-dev json-schema-to-typescript@16.0.0\n");
    expect(generate.status).toBe(2);
    writeFileSync(join(project, "rules.yaml"), 'extends: ["spectral:oas"]\n');
    writeFileSync(join(project, "api.yaml"), "openapi: 3.1.0\ninfo: { title: t, version: 1.0.0 }\npaths: {}\n");
    const ruleset = run("npx", ["--no-install", "lis", "lint", "api.yaml", "--ruleset", "rules.yaml"]);
    expect(ruleset.stderr).toMatch(/^lis: lis lint --ruleset needs the package @stoplight\/spectral-ruleset-bundler, which lis-standard leaves optional: npm install --save-dev @stoplight\/spectral-ruleset-bundler@1\.7\.0\n$/);
    expect(ruleset.status).toBe(2);
  }, 240_000);

  it("stock Spectral extends the LIS ruleset by package name (lis-standard/ruleset), as Spectral documents for npm rulesets", (ctx) => {
    if (skipped) return ctx.skip();
    writeFileSync(join(project, ".spectral.yaml"), 'extends: ["lis-standard/ruleset"]\nrules:\n  lis-no-422: error\n');
    const api = join(ROOT, "test", "lint", "fixtures", "rules", "lis-no-422.yaml");
    const r = run(join(ROOT, "node_modules", ".bin", "spectral"), ["lint", api, "--ruleset", ".spectral.yaml", "--format", "json"]);
    const findings = JSON.parse(r.stdout) as { code: string; severity: number; message: string }[];
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["lis-no-422", 0]]);
    expect(findings[0].message).toMatch(/^ERR-011:/);
  }, 240_000);
});
