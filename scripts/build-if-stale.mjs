#!/usr/bin/env node
/**
 * npm's `prepare`: builds dist/ (tsc, then the conformance snapshot) unless it is already built from exactly
 * these sources. `npx lis` in a checkout installs the checkout into npx's cache and runs `prepare` again,
 * silently; with this check that costs a hash of the sources (~0.2 s) instead of a full build (~10 s).
 * `npm run build` (`--always`) builds whatever the stamp says.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = join(root, "dist", ".build-stamp");
/** What the build reads: the TypeScript sources and the data the snapshot precompiles. */
const INPUTS = ["tsconfig.json", "package-lock.json", "tools", "types", "conformance", "schemas"];

function* files(path) {
  if (!existsSync(path)) return;
  const entries = readdirSync(path, { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, e.name);
    if (e.isDirectory()) yield* files(full);
    else if (e.isFile()) yield full;
  }
}

function sourcesHash() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    const full = join(root, input);
    for (const file of !existsSync(full) ? [] : statSync(full).isDirectory() ? files(full) : [full]) {
      hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

const current = sourcesHash();
const always = process.argv.includes("--always");
if (!always && existsSync(stamp) && existsSync(join(root, "dist", "tools", "cli.js")) && readFileSync(stamp, "utf8").trim() === current) process.exit(0);
for (const step of [[join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], [join(root, "dist", "tools", "conformance", "snapshot-build.js")]]) {
  const r = spawnSync(process.execPath, step, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
writeFileSync(stamp, `${current}\n`);
