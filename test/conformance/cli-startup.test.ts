import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// Each command's heavy modules load when that command runs (commander action → dynamic import), so that a
// `lis conformance` run or `lis --help` does not pay for code generation, Spectral or Prettier. The help
// texts are registered as before, in full.
const HEAVY = ["json-schema-to-typescript", "prettier", "@stoplight/spectral-", "@apidevtools/json-schema-ref-parser", "badge-maker", "marked"];
const loadedPackages = (debugOutput: string) => HEAVY.filter((name) => debugOutput.includes(`node_modules/${name}`));

describe("lis start-up", () => {
  it("lis --help lists every command and loads no command's heavy dependencies", () => {
    const r = runCli(["--help"], { env: { ...process.env, NODE_DEBUG: "module" } });
    expect(r.status).toBe(0);
    for (const name of ["clauses", "validate", "generate", "serve", "conformance", "lint", "diff", "eval", "validate-dataset", "adapt", "compatibility"]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    expect(r.stdout).toContain("run the conformance suite against a server");
    expect(loadedPackages(r.stderr)).toEqual([]);
  });

  it("lis conformance --help shows every option and its exit codes without loading other commands' dependencies", () => {
    const r = runCli(["conformance", "--help"], { env: { ...process.env, NODE_DEBUG: "module" } });
    expect(r.status).toBe(0);
    for (const option of ["--base-url <url>", "--model <id>", "--api-key <key>", "--profile <list>", "--spec <version>", "--filter <globs>", "--cases <path>", "--expect <file>", "--write-baseline <file>", "--concurrency <n>", "--timeout <ms>", "--deadline <ms>", "--max-body-bytes <n>", "--report <list>", "--coverage", "--list", "--list-checks", "--server-fault <clause>", "--server-variant <name>", "--mutation", "--variation", "--no-color"]) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain("Exit codes: 0 as expected");
    expect(loadedPackages(r.stderr)).toEqual([]);
  });

  it("lis conformance --list-checks still reaches the lazily loaded check registry", () => {
    const r = runCli(["conformance", "--list-checks"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usageArithmetic");
  });
});
