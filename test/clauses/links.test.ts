/**
 * Every relative link between the spec's documents leads somewhere: the document exists and, when the
 * link names an anchor, the document has a heading with that anchor (GitHub's form). The registries,
 * the errata and the appendix refer to each other and to clauses by such links.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specVersions } from "../../tools/clauses/registry.js";
import { specDir } from "../../tools/util/paths.js";

const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
const anchorsOf = (file: string) => new Set([...readFileSync(file, "utf8").matchAll(/^#{1,6} (.*)$/gm)].map((m) => anchorOf(m[1])));

describe.each(specVersions())("links between the documents of spec %s", (version) => {
  it("lead to a document that exists, and to a heading of it", () => {
    const dir = specDir(version);
    const broken: string[] = [];
    let links = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
      for (const m of readFileSync(join(dir, name), "utf8").matchAll(/\]\(([^)\s:]+?\.md)(?:#([^)\s]+))?\)/g)) {
        links++;
        const target = join(dir, m[1]);
        if (!existsSync(target)) broken.push(`${name}: ${m[1]} does not exist`);
        else if (m[2] !== undefined && !anchorsOf(target).has(m[2])) broken.push(`${name}: ${m[1]} has no heading #${m[2]}`);
      }
    }
    expect(broken).toEqual([]);
    expect(links).toBeGreaterThan(20);
  });
});
