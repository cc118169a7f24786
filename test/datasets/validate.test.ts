import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { countTokens } from "../../tools/datasets/formats.js";
import { validateDataset, type LineProblem } from "../../tools/datasets/validate.js";
import { ROOT } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "lis-datasets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
};
const chatLine = (user: string, assistant: string) => JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: assistant }] });

async function validate(file: string, format: string) {
  const problems: LineProblem[] = [];
  const summary = await validateDataset(file, format, (p) => problems.push(p));
  return { summary, problems };
}

describe("token estimate", () => {
  it("counts letter runs, digit runs and other symbols", () => {
    expect(countTokens("Hello, world 42!")).toBe(5);
    expect(countTokens("  ")).toBe(0);
    expect(countTokens("naïve café")).toBe(2);
  });
});

describe("validateDataset", () => {
  it("chat: reports every bad line with its number and reason, counts the good ones", async () => {
    const file = write("chat.jsonl", [chatLine("Hi there", "Hello!"), '{"messages":[{"role":"user","content":"x"}]}', "", "{oops", '{"messages":[{"role":"robot","content":"x"},{"role":"assistant","content":"y"}]}', "[]", chatLine("a b", "c")]);
    const { summary, problems } = await validate(file, "chat");
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5, 6]);
    expect(problems[0].reasons).toEqual(["/messages: no assistant message; a training conversation needs at least one"]);
    expect(problems[1].reasons[0]).toMatch(/^not JSON at line \d+, column \d+: /);
    expect(problems[2].reasons.join()).toContain("/messages/0");
    expect(problems[3].reasons).toEqual(["not a JSON object; each line is one object"]);
    expect(summary).toEqual({ file, format: "chat", lines: 7, blankLines: 1, validLines: 2, invalidLines: 4, tokens: 4 + 3 });
  });

  it("classification: label distribution by code point", async () => {
    const file = write("cls.jsonl", ['{"text":"a","label":"pos"}', '{"text":"b c","label":"neg"}', '{"text":"d","label":"pos"}', '{"text":"e","label":""}']);
    const { summary, problems } = await validate(file, "classification");
    expect(problems).toEqual([{ line: 4, reasons: ["/label: must NOT have fewer than 1 characters"] }]);
    expect(summary.labels).toEqual({ neg: 1, pos: 2 });
    expect(Object.keys(summary.labels!)).toEqual(["neg", "pos"]);
    expect(summary.tokens).toBe(4);
  });

  it("an unknown format is a usage error", async () => {
    await expect(validate(write("x.jsonl", ["{}"]), "csv")).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe("lis validate-dataset (subprocess)", () => {
  it("exit 0 and the summary for a valid file", () => {
    const file = write("ok.jsonl", [chatLine("one", "two")]);
    const r = runCli(["validate-dataset", file, "--format", "chat"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("valid chat dataset");
    expect(r.stdout).toContain("lines: 1 (1 valid, 0 invalid, 0 blank)");
  });

  it("exit 1 with file:line for each bad line; --json gives the summary as JSON", () => {
    const file = write("bad.jsonl", ['{"text":"a","label":"x"}', '{"text":"b"}']);
    const r = runCli(["validate-dataset", file, "--format", "classification"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`bad\\.jsonl:2: .*label`));
    const j = runCli(["validate-dataset", file, "--format", "classification", "--json"]);
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ validLines: 1, invalidLines: 1, labels: { x: 1 } });
    expect(j.stderr).toMatch(/bad\.jsonl:2: /);
  });

  it("a missing file is exit 2, a missing --format is exit 2", () => {
    expect(runCli(["validate-dataset", join(dir, "none.jsonl"), "--format", "chat"]).status).toBe(2);
    expect(runCli(["validate-dataset", join(dir, "ok.jsonl")]).status).toBe(2);
  });

  it("streams: a 200 MB file is checked with bounded memory (max RSS of the subprocess)", () => {
    const file = join(dir, "big.jsonl");
    const fd = openSync(file, "w");
    const line = chatLine("q ".repeat(1000), "a ".repeat(1000)) + "\n"; // ~4 KB
    const block = line.repeat(256); // ~1 MB
    for (let i = 0; i < 200; i++) writeSync(fd, block);
    writeSync(fd, "not json\n");
    closeSync(fd);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(200 * 1_000_000);
    // The CLI, run with a hook that prints its own peak RSS when it exits.
    const script = `process.argv = [process.argv[0], "lis", "validate-dataset", ${JSON.stringify(file)}, "--format", "chat"];
process.on("exit", () => process.stderr.write("MAXRSS_KB " + process.resourceUsage().maxRSS + "\\n"));
await import(${JSON.stringify(join(ROOT, "dist", "tools", "cli.js"))});`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 300_000 });
    expect(r.stdout).toContain(`big.jsonl:${256 * 200 + 1}: not JSON at line ${256 * 200 + 1}, column `);
    expect(r.stdout).toContain(`lines: ${256 * 200 + 1} (${256 * 200} valid, 1 invalid, 0 blank)`);
    expect(r.status).toBe(1);
    const maxRssBytes = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]) * 1024;
    // Reading the file whole would need more than its size; streaming stays far below.
    expect(maxRssBytes).toBeGreaterThan(0);
    expect(maxRssBytes).toBeLessThan(size * 0.75);
  }, 300_000);

  it("places a JSON syntax error as lis validate does: the same words, line and column, in both commands", () => {
    const dir = mkdtempSync(join(tmpdir(), "lis-jsonl-"));
    try {
      const file = join(dir, "data.jsonl");
      writeFileSync(file, '{"text":"a","label":"x"}\n{"text":"b","label":"y",}\n');
      const dataset = runCli(["validate-dataset", file, "--format", "classification"]).stdout.split("\n")[0];
      const validate = runCli(["validate", file, "--schema", "dataset-classification-line"]).stdout.split("\n")[0];
      expect(dataset).toMatch(/:2: not JSON at line 2, column 25: /);
      expect(dataset).toBe(validate);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
