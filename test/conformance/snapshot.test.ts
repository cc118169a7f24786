import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadClauses } from "../../tools/clauses/registry.js";
import { loadCases, type LoadContext } from "../../tools/conformance/load.js";
import { buildSnapshot, loadCasesWithSnapshot, snapshotCases, suiteCaseFiles, suiteLoadContext, writeSnapshot } from "../../tools/conformance/snapshot.js";

// The precompiled case suite (snapshot.ts): used only when it matches the files and the registry exactly.
describe("precompiled case suite", () => {
  let dir: string;
  let files: string[];
  let context: LoadContext;
  let snapshotFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "lis-snapshot-"));
    // 1.1's chain: 1.0's case files and 1.1's own, copied so that the test may change them.
    files = suiteCaseFiles("1.1").map((f, i) => {
      const copy = join(dir, `${String(i).padStart(2, "0")}-${basename(f)}`);
      copyFileSync(f, copy);
      return copy;
    });
    context = suiteLoadContext("1.1", loadClauses("1.1"));
    snapshotFile = join(dir, "snapshot", "1.1.cases.json");
    writeSnapshot(snapshotFile, buildSnapshot(files, context, dir));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is used when fresh, and yields the same cases as parsing the YAML", () => {
    const fromYaml = loadCases(files, context);
    const loaded = loadCasesWithSnapshot(snapshotFile, files, context, dir);
    expect(loaded.fromSnapshot).toBe(true);
    expect(loaded.cases).toEqual(fromYaml);
    expect(JSON.stringify(loaded.cases)).toBe(JSON.stringify(fromYaml));
    expect(loaded.cases.length).toBeGreaterThan(200);
    // Sources point at the case files as the YAML path shows them (file and line).
    expect(loaded.cases[0].source.file).toBe(fromYaml[0].source.file);
    expect(loaded.cases[0].source.file.endsWith(basename(files[0]))).toBe(true);
    expect(loaded.cases.every((c) => c.source.line > 0)).toBe(true);
  });

  it("is ignored when a case file changed, even by a comment", () => {
    appendFileSync(files[3], "\n# edited\n");
    expect(snapshotCases(snapshotFile, files, context, dir)).toBeUndefined();
    const loaded = loadCasesWithSnapshot(snapshotFile, files, context, dir);
    expect(loaded.fromSnapshot).toBe(false);
    expect(JSON.stringify(loaded.cases)).toBe(JSON.stringify(loadCases(files, context)));
  });

  it("an edited case comes from the YAML, not from the snapshot", () => {
    const text = readFileSync(files[0], "utf8");
    const title = /^\s+title: (.+)$/m.exec(text)![1];
    writeFileSync(files[0], text.replace(`title: ${title}`, "title: Edited title"));
    const loaded = loadCasesWithSnapshot(snapshotFile, files, context, dir);
    expect(loaded.fromSnapshot).toBe(false);
    expect(loaded.cases.map((c) => c.title)).toContain("Edited title");
  });

  it("is ignored when the file list differs", () => {
    expect(snapshotCases(snapshotFile, files.slice(1), context, dir)).toBeUndefined();
    expect(snapshotCases(snapshotFile, [...files].reverse(), context, dir)).toBeUndefined();
  });

  it("is ignored when the registry differs: clauses, schemas or checks", () => {
    expect(snapshotCases(snapshotFile, files, { ...context, clauseIds: new Set([...context.clauseIds!, "CHAT-999"]) }, dir)).toBeUndefined();
    expect(snapshotCases(snapshotFile, files, { ...context, schemaNames: new Set([...context.schemaNames!].slice(1)) }, dir)).toBeUndefined();
    const checks = new Map(context.checks);
    const [name, def] = [...checks].find(([, d]) => d.args !== undefined)!;
    checks.set(name, { ...def, args: { ...def.args, required: ["somethingNew"] } });
    expect(snapshotCases(snapshotFile, files, { ...context, checks }, dir)).toBeUndefined();
  });

  it("is ignored when missing or not a snapshot", () => {
    expect(snapshotCases(join(dir, "absent.json"), files, context, dir)).toBeUndefined();
    writeFileSync(snapshotFile, "{ not json");
    expect(loadCasesWithSnapshot(snapshotFile, files, context, dir).fromSnapshot).toBe(false);
    writeFileSync(snapshotFile, JSON.stringify({ format: 0 }));
    expect(snapshotCases(snapshotFile, files, context, dir)).toBeUndefined();
  });
});
