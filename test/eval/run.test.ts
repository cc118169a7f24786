import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY } from "../../tools/eval/http.js";
import { partialPathOf } from "../../tools/eval/partial.js";
import { runEval, type EvalRunOptions } from "../../tools/eval/run.js";
import { chatClassificationClient, classificationClient, generationClient } from "../../tools/eval/tasks.js";
import { getValidator } from "../../tools/validate/validators.js";
import { chatReply, fakeServer } from "./fake-server.js";

const dir = mkdtempSync(join(tmpdir(), "lis-eval-run-"));
const dataset = (name: string, lines: unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return p;
};
const fastRetry = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 5, maxRetries: 2 };
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

const options = (url: string, over: Partial<EvalRunOptions>): EvalRunOptions => ({
  baseUrl: url,
  embedded: false,
  model: "m",
  client: generationClient,
  datasetPath: "",
  concurrency: 2,
  seed: 7,
  maxTokens: 16,
  policy: fastRetry,
  includeItems: true,
  ...over,
});

describe("backoff", () => {
  it("doubles from the base up to the cap; Retry-After replaces it within the cap", () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((r) => backoffDelay(r, p))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(0, p, "0.5")).toBe(500);
    expect(backoffDelay(0, p, "120")).toBe(1000);
    expect(backoffDelay(2, p, "Wed, 21 Oct 2015 07:28:00 GMT")).toBe(400);
  });
});

describe("runEval against fake servers", () => {
  it("a server that fails half of the items still yields a valid report that states the failures (EVAL-003)", async () => {
    // Items with an even number in the prompt always fail with 503; odd ones answer the reference.
    const server = await fakeServer((_n, body) => {
      const prompt = String((body.messages as Array<{ content: string }>)[0].content);
      return Number(prompt.slice(1)) % 2 === 0 ? { status: 503 } : chatReply(`answer ${prompt}`);
    });
    closers.push(server.close);
    const path = dataset("half.jsonl", Array.from({ length: 10 }, (_, i) => ({ prompt: `p${i}`, reference: `answer p${i}` })));
    const { report } = await runEval(options(server.url, { datasetPath: path }));
    expect(getValidator("eval-report")(report).errors).toEqual([]);
    expect(report.counts).toEqual({ items: 10, scored: 5, failed: 5 });
    expect(report.metrics).toEqual([
      expect.objectContaining({ id: "exact_match", value: 1 }),
      expect.objectContaining({ id: "token_f1", value: 1 }),
    ]);
    const failures = report.failures as Array<{ index: number; line: number; error: string; attempts: number }>;
    expect(failures.map((f) => f.index)).toEqual([0, 2, 4, 6, 8]);
    expect(failures[0]).toMatchObject({ line: 1, attempts: 3, error: "HTTP 503: overloaded" });
    // 5 good items once, 5 bad items three times (two retries each)
    expect(server.seen.length).toBe(5 + 5 * 3);
  });

  it("sends temperature 0 and the seed, and retries a 429 to success", async () => {
    const server = await fakeServer((n) => (n === 0 ? { status: 429, headers: { "Retry-After": "0" } } : chatReply("x")));
    closers.push(server.close);
    const path = dataset("one.jsonl", [{ prompt: "hi", reference: "x", max_tokens: 3 }]);
    const { report } = await runEval(options(server.url, { datasetPath: path, concurrency: 1 }));
    expect(report.counts).toEqual({ items: 1, scored: 1, failed: 0 });
    expect(server.seen.map((s) => s.body)).toEqual([
      { model: "m", messages: [{ role: "user", content: "hi" }], temperature: 0, seed: 7, max_tokens: 3 },
      { model: "m", messages: [{ role: "user", content: "hi" }], temperature: 0, seed: 7, max_tokens: 3 },
    ]);
    expect(report.settings).toMatchObject({ temperature: 0, seed: 7, endpoint: "/chat/completions" });
  });

  it("does not retry a 400, and a response without choices is a failed item", async () => {
    const server = await fakeServer((_n, body) => ((body.messages as Array<{ content: string }>)[0].content === "bad" ? { status: 400 } : { status: 200, body: { choices: [] } }));
    closers.push(server.close);
    const path = dataset("final.jsonl", [{ prompt: "bad", reference: "x" }, { prompt: "empty", reference: "x" }]);
    const { report } = await runEval(options(server.url, { datasetPath: path }));
    expect(report.failures).toEqual([
      expect.objectContaining({ index: 0, attempts: 1, error: expect.stringContaining("HTTP 400") }),
      expect.objectContaining({ index: 1, error: "the response has no choices" }),
    ]);
    expect(server.seen.length).toBe(2);
  });

  it("classification over chat sends the label set as an enum and scores the labels", async () => {
    const server = await fakeServer(() => chatReply(JSON.stringify({ label: "pos" }))); // always "pos"
    closers.push(server.close);
    const path = dataset("cls.jsonl", [{ text: "good", label: "pos" }, { text: "bad", label: "neg" }, { text: "good too", label: "pos" }]);
    const { report } = await runEval(options(server.url, { datasetPath: path, client: chatClassificationClient }));
    const schema = (server.seen[0].body.response_format as { json_schema: { schema: { properties: { label: { enum: string[] } } } } }).json_schema.schema;
    expect(schema.properties.label.enum).toEqual(["neg", "pos"]);
    expect(report.confusion_matrix).toEqual({ labels: ["neg", "pos"], matrix: [[0, 1], [0, 2]] });
    expect((report.metrics as Array<{ id: string; value: number }>).find((m) => m.id === "accuracy")!.value).toBeCloseTo(2 / 3, 12);
    expect(report.zero_division).toEqual([
      { metric: "precision", label: "neg" },
      { metric: "f1", label: "neg" },
    ]);
    expect(report.settings).toMatchObject({ fallback: "chat-constrained-labels" });
  });

  it("classification through /classifications sends the label set and states no sampling settings", async () => {
    const server = await fakeServer((_n, body, path) => ({
      status: 200,
      body: { object: "list", model: "m", data: [{ object: "classification", index: 0, label: path === "/v1/classifications" && body.input === "good" ? "pos" : "neg", labels: [] }] },
    }));
    closers.push(server.close);
    const path = dataset("cls-endpoint.jsonl", [{ text: "good", label: "pos" }, { text: "bad", label: "neg" }, { text: "meh", label: "pos" }]);
    const { report } = await runEval(options(server.url, { datasetPath: path, client: classificationClient }));
    expect(server.seen[0]).toEqual({ path: "/v1/classifications", body: { model: "m", input: "good", labels: ["neg", "pos"] } });
    expect(report.counts).toEqual({ items: 3, scored: 3, failed: 0 });
    expect(report.confusion_matrix).toEqual({ labels: ["neg", "pos"], matrix: [[1, 0], [1, 1]] });
    expect(report.settings).not.toHaveProperty("temperature");
    expect(report.settings).toMatchObject({ endpoint: "/classifications" });
  });

  it("a fine-tuned model of the reference server is evaluated with its lineage in the report (EVAL-007)", async () => {
    const { startServer } = await import("../../tools/serve/server.js");
    const server = await startServer({ port: 0 });
    closers.push(() => server.close());
    const post = (path: string, body: unknown) => fetch(server.url + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
    const job = (await post("/fine_tuning/jobs", { model: "lis-tiny", training_file: "f", hyperparameters: { n_epochs: 1 } })) as { id: string };
    let tuned: { status: string; fine_tuned_model: string | null } = { status: "", fine_tuned_model: null };
    for (let i = 0; i < 3; i++) tuned = await fetch(`${server.url}/fine_tuning/jobs/${job.id}`).then((r) => r.json());
    expect(tuned.status).toBe("succeeded");
    const path = dataset("tuned.jsonl", [{ prompt: "Hello", reference: "hi" }]);
    const { report } = await runEval(options(server.url, { datasetPath: path, model: tuned.fine_tuned_model! }));
    expect(report.model).toMatchObject({ id: tuned.fine_tuned_model, lineage: { kind: "fine-tuned", base_model: "lis-tiny" }, metadata: { fine_tuning_job: job.id } });
    expect(getValidator("eval-report")(report).errors).toEqual([]);
  });

  it("resumes from the partial results file: only unfinished items are sent again", async () => {
    let failing = true;
    const server = await fakeServer((_n, body) => {
      const prompt = String((body.messages as Array<{ content: string }>)[0].content);
      return failing && prompt === "p3" ? { status: 500 } : chatReply(prompt);
    });
    closers.push(server.close);
    const path = dataset("resume.jsonl", Array.from({ length: 5 }, (_, i) => ({ prompt: `p${i}`, reference: `p${i}` })));
    const reportPath = join(dir, "resume", "report.json");
    const first = await runEval(options(server.url, { datasetPath: path, reportPath, policy: { ...fastRetry, maxRetries: 0 } }));
    expect(first.report.counts).toEqual({ items: 5, scored: 4, failed: 1 });
    expect(existsSync(partialPathOf(reportPath))).toBe(true);
    // A run killed mid-write leaves a cut line: it is ignored.
    writeFileSync(partialPathOf(reportPath), readFileSync(partialPathOf(reportPath), "utf8") + '{"index":4,"sta');
    failing = false;
    const before = server.seen.length;
    const second = await runEval(options(server.url, { datasetPath: path, reportPath }));
    expect(second.resumedItems).toBe(4);
    expect(server.seen.slice(before).map((s) => (s.body.messages as Array<{ content: string }>)[0].content)).toEqual(["p3"]);
    expect(second.report.counts).toEqual({ items: 5, scored: 5, failed: 0 });
  });

  it("refuses a partial results file of another run", async () => {
    const server = await fakeServer(() => chatReply("x"));
    closers.push(server.close);
    const reportPath = join(dir, "other", "report.json");
    const a = dataset("a.jsonl", [{ prompt: "a", reference: "x" }]);
    const b = dataset("b.jsonl", [{ prompt: "b", reference: "x" }]);
    await runEval(options(server.url, { datasetPath: a, reportPath }));
    await expect(runEval(options(server.url, { datasetPath: b, reportPath }))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("partial results of another run") });
  });

  it("an unreachable endpoint is exit 3", async () => {
    const server = await fakeServer(() => chatReply("x"));
    await server.close();
    const path = dataset("u.jsonl", [{ prompt: "a", reference: "x" }]);
    await expect(runEval(options(server.url, { datasetPath: path }))).rejects.toMatchObject({ exitCode: 3 });
  });
});
