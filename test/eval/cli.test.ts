import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getValidator } from "../../tools/validate/validators.js";
import { runCli, runCliAsync } from "../support/cli.js";
import { chatReply, fakeServer } from "./fake-server.js";

const dir = mkdtempSync(join(tmpdir(), "lis-eval-cli-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const cls = write("cls.jsonl", ['{"text":"great phone","label":"positive"}', '{"text":"bad battery","label":"negative"}', '{"text":"fine","label":"neutral"}'].join("\n") + "\n");

describe("lis eval (subprocess, embedded reference server)", () => {
  it("classifies a dataset, prints the table and writes a schema-valid report", () => {
    const report = join(dir, "out", "a.json");
    const r = runCli(["eval", "--task", "classification", "--dataset", cls, "--report", report]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/accuracy\s+0\.\d{4}/);
    expect(r.stdout).toContain("3 items, 3 scored, 0 failed");
    const doc = JSON.parse(readFileSync(report, "utf8"));
    expect(getValidator("eval-report")(doc).errors).toEqual([]);
    expect(doc).toMatchObject({ task: "classification", model: { id: "lis-tiny", embedded: true }, counts: { items: 3, scored: 3, failed: 0 } });
    expect(existsSync(`${report}.partial.jsonl`)).toBe(false);
  });

  it("a corrupt dataset line is file:line and exit 2, before any request", () => {
    const bad = write("bad.jsonl", '{"text":"a","label":"x"}\n{"text": "b", "label": }\n');
    const r = runCli(["eval", "--task", "classification", "--dataset", bad, "--report", join(dir, "bad.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:2: not JSON at line 2, column `);
    expect(r.stderr).not.toContain("    at ");
  });

  it("usage errors are exit 2", () => {
    expect(runCli(["eval", "--task", "summarise", "--dataset", cls]).status).toBe(2);
    expect(runCli(["eval", "--task", "generation", "--dataset", cls, "--base-url", "http://127.0.0.1:9/v1"]).stderr).toContain("--model is required");
  });
});

describe("lis eval against a server that fails half of the requests (subprocess)", () => {
  it("writes a valid report stating the failures and exits 1", async () => {
    const server = await fakeServer((_n, body) => {
      const prompt = String((body.messages as Array<{ content: string }>)[0].content);
      return Number(prompt.slice(1)) % 2 === 0 ? { status: 503, headers: { "Retry-After": "0" } } : chatReply(prompt);
    });
    try {
      const data = write("half.jsonl", Array.from({ length: 6 }, (_, i) => JSON.stringify({ prompt: `p${i}`, reference: `p${i}` })).join("\n") + "\n");
      const report = join(dir, "half.json");
      const r = await runCliAsync(["eval", "--base-url", server.url, "--model", "m", "--task", "generation", "--dataset", data, "--report", report, "--max-retries", "1"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("6 items, 3 scored, 3 failed");
      expect(r.stdout).toContain("3 item(s) failed and are not in the metrics (EVAL-003)");
      const doc = JSON.parse(readFileSync(report, "utf8"));
      expect(getValidator("eval-report")(doc).errors).toEqual([]);
      expect(doc.counts).toEqual({ items: 6, scored: 3, failed: 3 });
      expect(doc.failures.map((f: { line: number }) => f.line)).toEqual([1, 3, 5]);
      expect(doc.metrics.find((m: { id: string }) => m.id === "exact_match").value).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe("lis eval compare (subprocess)", () => {
  const report = (name: string, sha: string, model: string, accuracy: number) =>
    write(
      name,
      JSON.stringify({
        object: "lis.eval_report",
        lis_version: "1.0",
        runner: { name: "lis", version: "0.1.0" },
        task: "classification",
        model: { id: model },
        dataset: { sha256: `sha256:${sha.repeat(64)}`, items: 4 },
        settings: { endpoint: "/classifications", limit: null },
        started_at: "2026-11-28T21:00:00Z",
        finished_at: "2026-11-28T21:00:01Z",
        counts: { items: 4, scored: 4, failed: 0 },
        metrics: [{ id: "accuracy", value: accuracy }, { id: "f1_macro", value: accuracy / 2 }],
      }),
    );
  const a = report("a.json", "a", "base", 0.5);
  const b = report("b.json", "a", "tuned", 0.75);
  const c = report("c.json", "c", "other", 0.25);

  it("prints metrics side by side", () => {
    const r = runCli(["eval", "compare", a, b]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/base \(a\.json\)\s+tuned \(b\.json\)/);
    expect(r.stdout).toMatch(/accuracy\s+0\.5000\s+0\.7500/);
    expect(r.stdout).toMatch(/f1_macro\s+0\.2500\s+0\.3750/);
  });

  it("refuses reports of different datasets unless --force, and then marks them (EVAL-005)", () => {
    const refused = runCli(["eval", "compare", a, c]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("not comparable");
    const forced = runCli(["eval", "compare", a, c, "--force"]);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain("WARNING: these reports are NOT of the same dataset");
  });

  it("a file that is not a report is exit 2", () => {
    const r = runCli(["eval", "compare", a, cls]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot read the report");
  });
});
