/**
 * The appendix "Differences from the OpenAI API" (spec/1.1/openai-differences.md) and the clauses agree:
 * every row links to its clause (the file and the heading's anchor), states the clause's level, and the
 * clause's rationale records the difference (`Differs from OpenAI:`); every clause that records one is a
 * row. So a MUST that OpenAI breaks on purpose cannot be listed without its clause, nor the reverse.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadClauses } from "../../tools/clauses/registry.js";
import { plain, tableUnder } from "../../tools/registries/tables.js";
import { specDir } from "../../tools/util/paths.js";

const version = "1.1";
const appendix = readFileSync(join(specDir(version), "openai-differences.md"), "utf8");
const clauses = loadClauses(version);
const byId = new Map(clauses.map((c) => [c.id, c]));
const NOTE = "Differs from OpenAI:";

/** GitHub's anchor of a heading: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
const headingOf = (id: string) => {
  const c = byId.get(id)!;
  return c.profile !== null ? `${c.id} (${c.level}, ${c.profile})` : `${c.id} (${c.level}, ${c.class})`;
};

/** `[ID](file.md#anchor)` links of a text. */
const links = (text: string) => [...text.matchAll(/\[([A-Z]+-\d{3})\]\(([^)#]+)#([^)]+)\)/g)].map((m) => ({ id: m[1], file: m[2], anchor: m[3] }));

describe("the appendix of differences from the OpenAI API", () => {
  const table = tableUnder(appendix, "Kept on purpose");
  const rows = table?.rows ?? [];

  it("has a table of the differences kept on purpose", () => {
    expect(table, 'openai-differences.md has a table under "## Kept on purpose"').toBeDefined();
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it("links every clause it names to that clause: its document and its heading's anchor", () => {
    const all = links(appendix);
    expect(all.length).toBeGreaterThanOrEqual(rows.length);
    for (const link of all) {
      const clause = byId.get(link.id);
      expect(clause, `${link.id} is not a clause of ${version}`).toBeDefined();
      expect(existsSync(join(specDir(version), link.file)), link.file).toBe(true);
      expect(clause!.file.endsWith(`/${link.file}`), `${link.id} is in ${clause!.file}, the link says ${link.file}`).toBe(true);
      expect(link.anchor, `${link.id}: anchor of "### ${headingOf(link.id)}"`).toBe(anchorOf(headingOf(link.id)));
    }
  });

  it("gives each row its clause's level, and each listed clause records the difference in its rationale", () => {
    for (const row of rows) {
      const [link] = links(row.cells.Clause);
      expect(link, `row at line ${row.line} links its clause`).toBeDefined();
      const clause = byId.get(link.id)!;
      expect(plain(row.cells.Level), link.id).toBe(clause.level);
      expect(clause.rationale ?? "", `${link.id}'s rationale has a "${NOTE}" paragraph`).toContain(NOTE);
    }
  });

  it("lists every clause whose rationale records a difference, and at least the MUSTs that OpenAI is known to break", () => {
    const listed = new Set(rows.map((r) => links(r.cells.Clause)[0]?.id));
    const recorded = clauses.filter((c) => (c.rationale ?? "").includes(NOTE)).map((c) => c.id);
    expect([...listed].sort()).toEqual(recorded.sort());
    // The MUSTs of issue 16's review that were kept rather than relaxed.
    for (const id of ["ERR-014", "HTTP-019", "TOOL-009", "TOOL-021", "CHAT-033", "TOOL-012", "STRUCT-006"]) {
      expect(listed.has(id), id).toBe(true);
      expect(byId.get(id)!.level).toBe("MUST");
    }
  });
});
