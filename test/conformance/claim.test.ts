/**
 * The conformance claim (spec/1.1/conventions.md, "Conformance claims"): made from a report's verdicts,
 * printed by `lis conformance` with the SHA-256 of the JSON report it wrote, recorded in that report
 * without the hash.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { conformanceClaim, formatClaim, type ClaimSource } from "../../tools/conformance/claim.js";
import { packageVersion } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";
import { reportValidator } from "./report-schema.js";

const source = (verdicts: [string, string][]): ClaimSource => ({
  spec: "1.1",
  tool: { name: "lis", version: "0.1.0" },
  target: { model: "lis-tiny" },
  startedAt: "2026-05-01T09:30:00.000Z",
  profileVerdicts: verdicts.map(([profile, verdict]) => ({ profile, verdict })),
});

describe("conformanceClaim", () => {
  it("claims the conformant profiles and lists the others as not claimed", () => {
    const claim = conformanceClaim(source([["core", "conformant"], ["streaming", "conformant"], ["tools", "not-conformant"], ["embeddings", "incomplete"]]), "draft");
    expect(claim).toEqual({
      made: true,
      spec: "1.1",
      specStatus: "draft",
      class: "server",
      profiles: ["core", "streaming"],
      notClaimed: [{ profile: "tools", verdict: "not-conformant" }, { profile: "embeddings", verdict: "incomplete" }],
      model: "lis-tiny",
      tool: { name: "lis", version: "0.1.0" },
      date: "2026-05-01T09:30:00.000Z",
    });
  });

  it("makes no claim when core is not conformant, or was not tested: every claim includes core", () => {
    const broken = conformanceClaim(source([["core", "incomplete"], ["streaming", "conformant"]]), "released");
    expect(broken).toMatchObject({ made: false, reason: "core is incomplete, and every claim includes core", profiles: [] });
    expect(broken.notClaimed.map((p) => p.profile)).toEqual(["core", "streaming"]);
    expect(conformanceClaim(source([["streaming", "conformant"]]), "released")).toMatchObject({ made: false, reason: "core was not tested, and every claim includes core" });
  });
});

describe("formatClaim", () => {
  const claim = conformanceClaim(source([["core", "conformant"], ["tools", "not-conformant"]]), "draft");

  it("states version (draft), class, profiles, model, tool, date and the report's hash", () => {
    expect(formatClaim(claim, { path: "out/lis.json", sha256: "ab".repeat(32) })).toBe(
      `Conformance claim: LIS 1.1 (draft) server: core — model lis-tiny, lis 0.1.0, 2026-05-01T09:30:00.000Z, report sha256:${"ab".repeat(32)} (out/lis.json)\n  not claimed: tools (not-conformant)\n`,
    );
  });

  it("says how to make the claim checkable when no JSON report was written, and why no claim can be made", () => {
    expect(formatClaim({ ...claim, specStatus: "released" }, undefined)).toMatch(/^Conformance claim: LIS 1\.1 server: core — .*, no JSON report written: add --report json=FILE/);
    expect(formatClaim(conformanceClaim(source([["core", "not-conformant"]]), "released"))).toBe("Conformance claim: none — core is not-conformant, and every claim includes core.\n");
  });
});

describe("lis conformance prints the claim (subprocess)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lis-claim-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("with the SHA-256 of the JSON report it wrote; the report records the claim, valid against its schema", () => {
    const file = join(dir, "lis.json");
    const r = runCli(["conformance", "--spec", "1.1", "--profile", "core", "--progress", "none", "--report", `json=${file}`]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const bytes = readFileSync(file);
    const hash = createHash("sha256").update(bytes).digest("hex");
    const report = JSON.parse(bytes.toString("utf8"));
    expect(reportValidator()(report)).toBe(true);
    expect(report.claim).toMatchObject({ made: true, spec: "1.1", specStatus: "draft", class: "server", profiles: ["core"], model: "lis-tiny", tool: { name: "lis", version: packageVersion }, date: report.startedAt });
    const line = r.stdout.split("\n").find((l) => l.startsWith("Conformance claim:"));
    expect(line).toBe(`Conformance claim: LIS 1.1 (draft) server: core — model lis-tiny, lis ${packageVersion}, ${report.startedAt}, report sha256:${hash} (${file})`);
  });

  it("and no claim when core fails, saying why", () => {
    const r = runCli(["conformance", "--cases", join("test", "conformance", "fixtures", "fail.yaml")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\nConformance claim: none — core is not-conformant, and every claim includes core\.\n$/);
  });
});
