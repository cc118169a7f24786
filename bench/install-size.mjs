/**
 * What a consumer's `npm install lis-standard` puts on disk: the packed tarball installed into an empty
 * project (offline, from npm's cache, at this repository's locked versions), side by side with the same
 * install plus the two optional dependencies (json-schema-to-typescript for `lis generate`,
 * @stoplight/spectral-ruleset-bundler for `lis lint --ruleset`), i.e. the install before they were made
 * optional. Prints packages, megabytes of files and the lean / full ratio.
 * Run: npm run build && node bench/install-size.mjs
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { footprint, installConsumer, pack } from "../scripts/consumer-install.mjs";

const work = mkdtempSync(join(tmpdir(), "lis-install-size-"));
try {
  const packed = pack(work);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  console.log(`tarball: ${packed.files.length} files, ${mb(packed.size)} MB packed, ${mb(packed.unpackedSize)} MB unpacked`);
  const sizes = {};
  for (const [name, withOptional] of [["lean", false], ["with optional", true]]) {
    const dir = join(work, name.replace(/ /g, "-"));
    const installed = installConsumer(packed.tarball, dir, { withOptional });
    if (!installed.ok) throw new Error(`${name} install failed${installed.notCached ? " (npm's cache lacks a package: run npm ci first)" : ""}:\n${installed.output}`);
    sizes[name] = footprint(join(dir, "node_modules"));
    console.log(`${name.padEnd(14)} ${String(sizes[name].packages).padStart(4)} packages  ${mb(sizes[name].bytes).padStart(6)} MB`);
  }
  const [lean, full] = [sizes.lean, sizes["with optional"]];
  console.log(`lean / with optional: ${(lean.bytes / full.bytes).toFixed(2)} of the bytes, ${(lean.packages / full.packages).toFixed(2)} of the packages`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
