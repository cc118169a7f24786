import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tools/util/paths.js";

// npm's `prepare` runs again whenever `npx lis` installs a checkout into npx's cache: it must not rebuild
// what is already built from the same sources, and must rebuild when a source changed. Checked on a copy.
describe("prepare (scripts/build-if-stale.mjs)", () => {
  let copy: string;
  const prepare = () => spawnSync(process.execPath, [join(copy, "scripts", "build-if-stale.mjs")], { cwd: copy, encoding: "utf8", timeout: 600_000 });
  const built = () => statSync(join(copy, "dist", "tools", "cli.js")).mtimeMs;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "lis-prepare-"));
    for (const part of ["scripts", "tools", "types", "conformance", "schemas", "spec", "dist", "tsconfig.json", "package.json", "package-lock.json"]) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("does nothing while the sources are the ones built (the build's stamp), and builds again after a change", () => {
    // The copy holds this checkout's dist/ and stamp (npm test builds first): the same sources, so no build.
    const stamp = readFileSync(join(copy, "dist", ".build-stamp"), "utf8");
    const before = built();
    const again = prepare();
    expect(again.status).toBe(0);
    expect(again.stdout + again.stderr).toBe("");
    expect(built()).toBe(before);
    writeFileSync(join(copy, "tools", "util", "errors.ts"), `${readFileSync(join(copy, "tools", "util", "errors.ts"), "utf8")}\n// changed\n`);
    const changed = prepare();
    expect(changed.status).toBe(0);
    expect(changed.stdout).toMatch(/case suite 1\.0: \d+ cases/); // tsc, then the snapshot step, ran
    expect(built()).toBeGreaterThan(before);
    expect(readFileSync(join(copy, "dist", ".build-stamp"), "utf8")).not.toBe(stamp);
  }, 900_000);
});
