/**
 * A consumer's install of the packed tarball, offline: an empty project whose lockfile pins lis-standard to
 * the tarball and its dependencies to exactly what this repository's lockfile resolved (its non-dev
 * entries), installed with `npm ci --offline` from npm's cache. What a user gets from `npm install
 * lis-standard`, without the network (tests and benchmarks reach nothing beyond loopback).
 * Used by test/package/consumer.test.ts and bench/install-size.mjs.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** `npm pack` of this checkout (already built) into `dir`; returns the tarball's path. */
export function pack(dir) {
  const r = spawnSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout);
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path), size: info.size, unpackedSize: info.unpackedSize };
}

/**
 * The consumer's package-lock.json. `withOptional`: also the optional peer dependencies (what the install
 * was before they were made optional), for a side-by-side measure.
 */
export function consumerLockfile(tarball, projectDir, { withOptional = false } = {}) {
  const registry = spawnSync(npm, ["config", "get", "registry"], { encoding: "utf8" }).stdout.trim().replace(/\/?$/, "/");
  const own = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const optionalPeers = Object.keys(manifest.peerDependenciesMeta ?? {});
  const wanted = new Set(optionalPeers.map((n) => `node_modules/${n}`));
  // The optional peers' own dependencies, transitively (they are dev entries in this repository's lockfile),
  // each found as Node would: in the nearest node_modules folder up from the package that needs it.
  const locate = (from, dep) => {
    for (let at = from; ; at = at.slice(0, at.lastIndexOf("/node_modules/"))) {
      if (own.packages[`${at}/node_modules/${dep}`]) return `${at}/node_modules/${dep}`;
      if (!at.includes("/node_modules/")) return own.packages[`node_modules/${dep}`] ? `node_modules/${dep}` : undefined;
    }
  };
  if (withOptional) {
    const queue = [...wanted];
    while (queue.length > 0) {
      const key = queue.pop();
      const entry = own.packages[key] ?? {};
      const optionalPeer = (n) => entry.peerDependenciesMeta?.[n]?.optional;
      const deps = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeer(n))];
      for (const dep of deps) {
        const found = locate(key, dep);
        if (found && !wanted.has(found)) {
          wanted.add(found);
          queue.push(found);
        }
      }
    }
  }
  const spec = `file:${relative(projectDir, tarball)}`;
  const packages = {
    "": { name: "consumer", dependencies: { "lis-standard": spec, ...(withOptional ? Object.fromEntries(optionalPeers.map((n) => [n, manifest.peerDependencies[n]])) : {}) } },
    "node_modules/lis-standard": { version: manifest.version, resolved: spec, license: manifest.license, dependencies: manifest.dependencies, peerDependencies: manifest.peerDependencies, peerDependenciesMeta: manifest.peerDependenciesMeta, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [key, entry] of Object.entries(own.packages)) {
    if (key === "" || !key.startsWith("node_modules/")) continue;
    if (entry.dev && !(withOptional && wanted.has(key))) continue;
    const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
    // Where the tarball came from: with its integrity, npm takes it from its cache and asks no registry.
    const name = entry.name ?? key.slice(key.lastIndexOf("node_modules/") + 13);
    packages[key] = { resolved: entry.resolved ?? `${registry}${name}/-/${name.split("/").pop()}-${entry.version}.tgz`, ...rest };
  }
  return { name: "consumer", lockfileVersion: 3, requires: true, packages };
}

/** Installs the tarball into a fresh project at `projectDir`; `{ ok: false, notCached }` when npm's cache lacks a package. */
export function installConsumer(tarball, projectDir, options = {}) {
  mkdirSync(projectDir, { recursive: true });
  const lock = consumerLockfile(tarball, projectDir, options);
  writeFileSync(join(projectDir, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: lock.packages[""].dependencies }, null, 2)}\n`);
  writeFileSync(join(projectDir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  const r = spawnSync(npm, ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: projectDir, encoding: "utf8" });
  return { ok: r.status === 0, notCached: /ENOTCACHED/.test(r.stderr), output: `${r.stdout}${r.stderr}` };
}

/** Bytes on disk under a folder (file sizes), and how many packages it holds (folders with a package.json). */
export function footprint(dir) {
  let bytes = 0;
  let packages = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== ".bin" && d.endsWith("node_modules") || /node_modules\/@[^/]+$/.test(d)) {
          try {
            if (statSync(join(full, "package.json")).isFile()) packages++;
          } catch {}
        }
        walk(full);
      } else if (e.isFile()) bytes += statSync(full).size;
    }
  };
  walk(dir);
  return { bytes, packages };
}
