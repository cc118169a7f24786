import { mkdtempSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../support/cli.js";

const fixtures = join(import.meta.dirname, "fixtures");
const clean = join(fixtures, "clean.yaml");
const tmp = mkdtempSync(join(tmpdir(), "lis-lint-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

/** Every input error: exit 2, one clear message on stderr, never a stack trace. */
function expectInputError(result: ReturnType<typeof runCli>, pattern: RegExp) {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stderr).not.toContain("internal error");
}

// Each test starts the CLI one to three times; the bound is generous for a loaded CI machine.
vi.setConfig({ testTimeout: 180_000 });

describe("lis lint as a subprocess: exit codes", () => {
  it("exits 0 on a clean document", () => {
    const result = runCli(["lint", clean]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("No problems found");
  });

  it("exits 1 on findings at the fail severity, 0 below it", () => {
    const file = join(fixtures, "rules", "lis-no-422.yaml"); // one warning
    expect(runCli(["lint", file]).status).toBe(0);
    const strict = runCli(["lint", file, "--fail-severity", "warn"]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/\d+:\d+\s+warning\s+lis-no-422\s+ERR-011/);
  });

  it("writes the report to --output and accepts several files", () => {
    const out = join(tmp, "report.json");
    const result = runCli(["lint", clean, join(fixtures, "rules", "lis-error-json.yaml"), "-f", "json", "-o", out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.files.length).toBe(2);
    expect(report.findings[0]).toMatchObject({ rule: "lis-error-json", clause: "ERR-001", line: 35 });
  });

  it("--profile overrides the claimed profiles", () => {
    const result = runCli(["lint", clean, "--profile", "core", "-f", "json"]);
    expect(result.status).toBe(0);
    const doc = write("models-only.yaml", readFileSync(clean, "utf8").replace("  /embeddings:", "  /other:"));
    expect(runCli(["lint", doc, "--profile", "core", "-f", "json"]).status).toBe(0);
    const withEmbeddings = runCli(["lint", doc, "--profile", "core,embeddings", "-f", "json"]);
    expect(withEmbeddings.status).toBe(1);
    expect(JSON.parse(withEmbeddings.stdout).findings.map((f: { rule: string }) => f.rule)).toContain("lis-profile-endpoints");
  });

  it("knows the later 1.0 profiles: each missing endpoint of a claimed one is reported, endpoint-less ones need none", () => {
    const withoutOwnEndpoints = runCli(["lint", clean, "--profile", "core,model-metadata,multimodal", "-f", "json"]);
    expect(withoutOwnEndpoints.status, withoutOwnEndpoints.stderr).toBe(0);
    const claimed = write("all-profiles.yaml", readFileSync(clean, "utf8").replace(/^x-lis-profiles: .*$/m, "x-lis-profiles: [core, streaming, embeddings, classification, discovery, fine-tuning]"));
    const result = runCli(["lint", claimed, "-f", "json"]);
    expect(result.status, result.stderr).toBe(1);
    const messages = (JSON.parse(result.stdout).findings as { rule: string; message: string }[]).filter((f) => f.rule === "lis-profile-endpoints").map((f) => f.message);
    expect(messages.some((m) => m.includes("POST /classifications"))).toBe(true);
    expect(messages.some((m) => m.includes("GET /.well-known/lis"))).toBe(true);
    expect(messages.filter((m) => m.includes("/fine_tuning/jobs")).length).toBe(5);
  });

  it("--ruleset takes a user's ruleset that extends the published one", () => {
    const ruleset = write(".spectral.yaml", `extends: ["${join(import.meta.dirname, "..", "..", "rulesets", "lis.yaml")}"]\nrules:\n  lis-no-422: error\n`);
    const result = runCli(["lint", join(fixtures, "rules", "lis-no-422.yaml"), "--ruleset", ruleset]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/error\s+lis-no-422/);
  });

  it("rejects an unknown format or profile with exit 2", () => {
    expect(runCli(["lint", clean, "--format", "xml"]).status).toBe(2);
    expectInputError(runCli(["lint", clean, "--profile", "core,streamin"]), /unknown profile "streamin" in --profile \(LIS 1\.0 profiles: core, streaming/);
  });
});

describe("lis lint as a subprocess: bad input gets exit 2 and a clear message", () => {
  it("a missing file", () => {
    expectInputError(runCli(["lint", join(tmp, "nope.yaml")]), /API definition not found: .*nope\.yaml/);
  });

  it("a YAML file that is not OpenAPI", () => {
    expectInputError(runCli(["lint", write("compose.yaml", "services:\n  web:\n    image: nginx\n")]), /not an OpenAPI document: it has no top-level "openapi" field \(its keys: services\)/);
  });

  it("a YAML syntax error, with line and column", () => {
    const file = write("broken.yaml", "openapi: 3.1.0\ninfo:\n  title: x\n  version: [1\npaths: {}\n");
    expectInputError(runCli(["lint", file]), /broken\.yaml:\d+:\d+: /);
  });

  it("a JSON syntax error, with line and column", () => {
    const file = write("broken.json", '{\n  "openapi": "3.1.0",\n  "info": { "title": "x" "version": "1" }\n}\n');
    expectInputError(runCli(["lint", file]), /broken\.json:3:\d+: /);
  });

  it("a $ref cycle", () => {
    const file = write("cycle.yaml", readFileSync(clean, "utf8").replace("  schemas:\n", "  schemas:\n    A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }\n"));
    expectInputError(runCli(["lint", file]), /\$ref cycle .*#\/components\/schemas\/A -> #\/components\/schemas\/B -> #\/components\/schemas\/A/);
  });

  it("a $ref cycle through other files", () => {
    write("b.yaml", '$ref: "./c.yaml"\n');
    write("c.yaml", '$ref: "./b.yaml#"\n');
    const file = write("cross.yaml", readFileSync(clean, "utf8").replace('schema: { $ref: "#/components/schemas/Model" }', 'schema: { $ref: "./b.yaml" }'));
    expectInputError(runCli(["lint", file]), /\$ref cycle .*b\.yaml# -> c\.yaml# -> b\.yaml#/);
  });

  it("a $ref to a missing file, with where it is", () => {
    const file = write("missing-ref.yaml", readFileSync(clean, "utf8").replace('schema: { $ref: "#/components/schemas/Model" }', 'schema: { $ref: "./models/model.yaml" }'));
    expectInputError(runCli(["lint", file]), /missing-ref\.yaml:\d+:\d+: .*referenced file not found: .*models\/model\.yaml/);
  });

  it("a 50 MB document", () => {
    const file = join(tmp, "huge.yaml");
    const fd = openSync(file, "w");
    writeSync(fd, "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\nx-padding: |\n");
    const line = `  ${"x".repeat(1021)}\n`.repeat(1024);
    for (let i = 0; i < 50; i++) writeSync(fd, line);
    closeSync(fd);
    expectInputError(runCli(["lint", file]), /huge\.yaml is 50\.\d MiB; lis lint reads files up to 32 MiB \(split it into files joined by \$ref\)/);
  });

  it("a local $ref into another file resolves, and the finding names that file", () => {
    write("model.yaml", "type: object\nproperties:\n  id: { type: string }\n");
    const file = write("split.yaml", readFileSync(clean, "utf8").replace('schema: { $ref: "#/components/schemas/Model" }', 'schema: { $ref: "./model.yaml" }'));
    const result = runCli(["lint", file, "-f", "json"], { cwd: tmp });
    expect(result.status, result.stderr).toBe(1);
    const findings = JSON.parse(result.stdout).findings as Array<{ rule: string; file: string; line: number }>;
    expect(findings.filter((f) => f.rule === "lis-model-response").map((f) => f.file)).toContain("model.yaml");
  });

  it("a remote $ref is not fetched, and a finding says so", () => {
    const file = write("remote.yaml", readFileSync(clean, "utf8").replace('schema: { $ref: "#/components/schemas/Model" }', 'schema: { $ref: "https://example.invalid/model.yaml" }'));
    const result = runCli(["lint", file, "-f", "json"]);
    expect(result.status, result.stderr).toBe(0); // a warning
    const finding = JSON.parse(result.stdout).findings.find((f: { rule: string }) => f.rule === "lis-remote-ref-not-fetched");
    expect(finding.severity).toBe("warn");
    expect(finding.message).toMatch(/not fetched: https:\/\/example\.invalid\/model\.yaml .*--allow-remote-refs/);
  });
});
