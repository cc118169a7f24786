import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClauses } from "../../tools/clauses/registry.js";
import { freshRequirements, requirementsFile, versionStatus } from "../../tools/codegen/requirements.js";
import { ROOT, SPEC_VERSIONS } from "../../tools/util/paths.js";

describe.each(SPEC_VERSIONS)("the frozen requirement set of spec %s", (version) => {
  it("is committed and up to date with the spec (run `npm run generate`)", () => {
    expect(readFileSync(requirementsFile(version), "utf8")).toBe(freshRequirements(version));
  });

  it("lists every clause with its level, profile (or class) and the version that added it (and the clause it was split from)", () => {
    const text = readFileSync(requirementsFile(version), "utf8");
    for (const c of loadClauses(version)) {
      const subject = c.profile !== null ? `profile: ${c.profile}` : `class: ${c.class}`;
      const split = c.splitFrom ? `, split_from: ${c.splitFrom}` : "";
      expect(text, c.id).toContain(c.withdrawn ? `id: ${c.id}, withdrawn: true` : `id: ${c.id}, level: ${c.level}, ${subject}, testable: ${c.testable}, added_in: "${c.addedIn}"${split} }`);
    }
  });
});

it("1.0 is released and 1.1 is a draft", () => {
  expect(versionStatus("1.0")).toBe("released");
  expect(versionStatus("1.1")).toBe("draft");
});

/** A standalone copy of the package (its own ROOT), so that its spec can be edited without touching ours. */
describe("a change to a released version's clauses", () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "lis-frozen-"));
    for (const dir of ["dist", "spec", "schemas", "conformance", "types", "package.json"]) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
    // CHAT-002 goes from MUST to SHOULD in the released 1.0.
    const chat = join(root, "spec", "1.0", "chat.md");
    writeFileSync(chat, readFileSync(chat, "utf8").replace("### CHAT-002 (MUST, core)\n\nThe server MUST reject", "### CHAT-002 (SHOULD, core)\n\nThe server SHOULD reject"));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("fails the drift gate, and lis generate refuses to rewrite the released requirement set", () => {
    const before = readFileSync(join(root, "conformance", "1.0", "requirements.yaml"), "utf8");
    for (const args of [["generate", "--check"], ["generate"]]) {
      const r = runCliIn(root, args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stdout).toContain("conformance/1.0/requirements.yaml: LIS 1.0 is released and its spec no longer matches its requirement set");
    }
    expect(readFileSync(join(root, "conformance", "1.0", "requirements.yaml"), "utf8")).toBe(before);
  });

  it("stops the runner with a usage error instead of judging against unreviewed requirements", () => {
    const r = runCliIn(root, ["conformance", "--list"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/spec\/1\.0\/ no longer matches its frozen requirement set .*LIS 1\.0 is released/);
  });
});

/** The copy's own CLI, as a subprocess (it finds its package root by walking up from its own file). */
function runCliIn(root: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "dist", "tools", "cli.js"), ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}
