import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// Done-when of the conformance issue: `lis conformance` with no arguments passes every clause of every
// profile against the embedded reference server (this is the README's main command, and CI runs it here).
describe("lis conformance against the embedded reference server", () => {
  it("exits 0 with every profile conformant", () => {
    const r = runCli(["conformance"], { timeout: 600_000 });
    const failures = r.stdout.split("\n").filter((l) => /^\s+[✗!] [A-Z]+-\d{3} /.test(l) || /^\s+! \S+ \(/.test(l));
    expect(failures, r.stdout.slice(-4000)).toEqual([]);
    expect(r.stdout).toMatch(/^Result: conformant; exit 0$/m);
    expect(r.status).toBe(0);
  }, 600_000);
});
