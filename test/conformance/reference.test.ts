import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { runCli } from "../support/cli.js";
import { reportValidator } from "./report-schema.js";

// Done-when of the conformance issue: `lis conformance` with no arguments passes every clause of every
// profile against the embedded reference server (this is the README's main command, and CI runs it here).
describe("lis conformance against the embedded reference server", () => {
  it("exits 0 with every profile conformant, and its full reports are valid", () => {
    const dir = mkdtempSync(join(tmpdir(), "lis-reference-"));
    try {
      const r = runCli(["conformance", "--report", `json=${join(dir, "r.json")},junit=${join(dir, "j.xml")}`], { timeout: 600_000 });
      const failures = r.stdout.split("\n").filter((l) => /^\s+[✗!] [A-Z]+-\d{3} /.test(l) || /^\s+! \S+ \(/.test(l));
      expect(failures, r.stdout.slice(-4000)).toEqual([]);
      expect(r.stdout).toMatch(/^Result: conformant; exit 0$/m);
      expect(r.status).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
      const validate = reportValidator();
      expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(report.profileVerdicts.every((p: { verdict: string }) => p.verdict === "conformant")).toBe(true);
      expect(XMLValidator.validate(readFileSync(join(dir, "j.xml"), "utf8"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
