import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, found by walking up from this file: works from `tools/` (vitest) and `dist/tools/` (node). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, "utf8")).name === "lis-standard") return dir;
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the lis-standard package root");
    dir = up;
  }
}

export const ROOT = findRoot();
/** Every version of the standard in this checkout; 1.1 is a draft, so the default stays the released 1.0. */
export const SPEC_VERSIONS = ["1.0", "1.1"] as const;
export const DEFAULT_SPEC_VERSION = "1.0";

export const specDir = (version = DEFAULT_SPEC_VERSION) => join(ROOT, "spec", version);
export const schemaDir = (version = DEFAULT_SPEC_VERSION) => join(ROOT, "schemas", version);
export const conformanceDir = (version = DEFAULT_SPEC_VERSION) => join(ROOT, "conformance", version);
export const typesDir = (version = DEFAULT_SPEC_VERSION) => join(ROOT, "types", version);

/** `../shared/fixtures` beside the checkout (absent in a user's clone); LIS_SHARED_FIXTURES overrides. */
export const sharedFixturesDir = resolve(process.env.LIS_SHARED_FIXTURES ?? join(ROOT, "..", "shared", "fixtures"));

export const packageVersion: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
