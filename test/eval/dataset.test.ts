import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEvalDataset } from "../../tools/eval/dataset.js";
import { readLines } from "../../tools/datasets/lines.js";
import { LisError } from "../../tools/util/errors.js";

const dir = mkdtempSync(join(tmpdir(), "lis-eval-ds-"));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function collect(path: string, maxLineBytes?: number) {
  const out = [];
  for await (const l of readLines(path, { maxLineBytes })) out.push(l);
  return out;
}

describe("readLines", () => {
  it("numbers lines from 1, drops a CR before LF and a BOM, keeps a last line without LF", async () => {
    const p = file("a.jsonl", "\ufeff{\"a\":1}\r\n\n{\"b\":2}");
    expect(await collect(p)).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: "" },
      { line: 3, text: '{"b":2}' },
    ]);
  });

  it("reports an over-long line and invalid UTF-8 without stopping", async () => {
    const p = file("b.jsonl", Buffer.concat([Buffer.from("x".repeat(100) + "\n"), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from("ok\n")]));
    expect(await collect(p, 50)).toEqual([
      { line: 1, problem: "line is longer than 50 bytes" },
      { line: 2, problem: "line is not valid UTF-8" },
      { line: 3, text: "ok" },
    ]);
  });

  it("a missing file is a usage error", async () => {
    await expect(collect(join(dir, "nope.jsonl"))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("no such file") });
  });
});

describe("loadEvalDataset", () => {
  it("reads items with their lines, the label set by code point and the hash of the bytes", async () => {
    const content = '{"text":"a","label":"pos"}\n\n{"text":"b","label":"Neg","id":"i2"}\n';
    const p = file("c.jsonl", content);
    const ds = await loadEvalDataset(p, "classification");
    expect(ds.items).toEqual([
      { index: 0, line: 1, id: undefined, text: "a", label: "pos" },
      { index: 1, line: 3, id: "i2", text: "b", label: "Neg" },
    ]);
    expect(ds.labels).toEqual(["Neg", "pos"]);
    expect(ds.sha256).toBe(`sha256:${createHash("sha256").update(content).digest("hex")}`);
    const again = await loadEvalDataset(file("c2.jsonl", '{"text":"a","label":"pos"}\n\n{"text":"b","label":"Neg","id":"i2"}\n'), "classification");
    expect(again.sha256).toBe(ds.sha256);
    const other = await loadEvalDataset(file("c3.jsonl", '{"text":"a","label":"pos"}\n{"text":"b","label":"Neg","id":"i2"}\n'), "classification");
    expect(other.sha256).not.toBe(ds.sha256);
  });

  it("the hash covers the whole file whatever the limit", async () => {
    const p = file("d.jsonl", '{"prompt":"p1","reference":"r"}\n{"prompt":"p2","references":["a","b"]}\n');
    const all = await loadEvalDataset(p, "generation");
    const one = await loadEvalDataset(p, "generation", 1);
    expect(one.items.length).toBe(1);
    expect(one.sha256).toBe(all.sha256);
    expect(all.items[1]).toMatchObject({ messages: [{ role: "user", content: "p2" }], references: ["a", "b"] });
  });

  it("refuses a corrupt line with file:line and exit 2 (EVAL-008)", async () => {
    const p = file("e.jsonl", '{"text":"a","label":"x"}\n{"text":"b",\n{"text":"c"}\n[1]\n');
    const err = await loadEvalDataset(p, "classification").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LisError);
    expect((err as LisError).exitCode).toBe(2);
    const message = (err as LisError).message;
    expect(message).toContain(`${p}:2: not JSON at line 2, column `);
    expect(message).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: .*label`));
    expect(message).toContain(`${p}:4: not a JSON object`);
    expect(message).not.toContain(`${p}:1:`);
  });

  it("an empty dataset is an input error", async () => {
    await expect(loadEvalDataset(file("f.jsonl", "\n\n"), "generation")).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("no items") });
  });
});
