import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectValid, serve } from "./support.js";

/** The fine-tuning endpoints of lis serve, through the official OpenAI SDK and plain requests. */
describe("fine-tuning endpoints", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let client: OpenAI;
  beforeAll(async () => {
    s = await serve();
    client = new OpenAI({ baseURL: s.url, apiKey: "unused", maxRetries: 0 });
  });
  afterAll(() => s.close());

  it("the SDK drives a LoRA job to completion and the new model chats and lists its lineage", async () => {
    const job = await client.fineTuning.jobs.create({
      model: "lis-tiny",
      training_file: "file-train",
      hyperparameters: { n_epochs: 1 },
      seed: 3,
      suffix: "sdk",
      // @ts-expect-error the LIS extension is not in the SDK's types; ordinary clients pass it through
      lis: { format: "chat", method: { type: "lora", rank: 8, alpha: 16 } },
    });
    expectValid("fine-tuning-job", job);
    expect(job).toMatchObject({ status: "validating_files", model: "lis-tiny", fine_tuned_model: null, seed: 3, hyperparameters: { n_epochs: 1, batch_size: 8, learning_rate_multiplier: 1 } });
    let current = job;
    const statuses: string[] = [job.status];
    while (!["succeeded", "failed", "cancelled"].includes(current.status) && statuses.length < 10) {
      current = await client.fineTuning.jobs.retrieve(job.id);
      statuses.push(current.status);
    }
    expect(statuses).toEqual(["validating_files", "queued", "running", "succeeded"]);
    expect(current.fine_tuned_model).toBe(`ft:lis-tiny:sdk:${job.id}`);
    const model = await client.models.retrieve(current.fine_tuned_model!);
    expect((model as unknown as { lis: Record<string, unknown> }).lis).toMatchObject({ kind: "fine-tuned", base_model: "lis-tiny", fine_tuning_job: job.id });
    expectValid("model", model);
    const chat = await client.chat.completions.create({ model: current.fine_tuned_model!, messages: [{ role: "user", content: "Hi" }], max_tokens: 4 });
    expect(chat.model).toBe(current.fine_tuned_model);
    const events = await client.fineTuning.jobs.listEvents(job.id);
    expect(events.data.map((e) => (e.data as { status?: string } | null)?.status)).toEqual(["succeeded", "running", "queued", "validating_files"]);
    const list = await client.fineTuning.jobs.list();
    expect(list.data.map((j) => j.id)).toContain(job.id);
  });

  it("cancel: 200 and cancelled, then 400 job_not_cancellable; unknown jobs are 404 job_not_found", async () => {
    const job = await client.fineTuning.jobs.create({ model: "lis-tiny", training_file: "f" });
    expect((await client.fineTuning.jobs.cancel(job.id)).status).toBe("cancelled");
    const again = await s.post(`/fine_tuning/jobs/${job.id}/cancel`, undefined);
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({ type: "invalid_request_error", code: "job_not_cancellable" });
    for (const [method, path] of [["GET", "/fine_tuning/jobs/nope"], ["POST", "/fine_tuning/jobs/nope/cancel"], ["GET", "/fine_tuning/jobs/nope/events"]]) {
      const r = await s.request(method, path);
      expect(r.status, path).toBe(404);
      expect(r.json.error).toMatchObject({ type: "not_found_error", code: "job_not_found" });
    }
  });

  it("rejects bad requests naming the member (FT-011) and unknown members (ERR-015 style)", async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ model: "lis-tiny", training_file: "f", hyperparameters: { n_epochs: 0 } }, 400, "hyperparameters.n_epochs"],
      [{ model: "lis-tiny", training_file: "f", hyperparameters: { learning_rate_multiplier: 0 } }, 400, "hyperparameters.learning_rate_multiplier"],
      [{ model: "lis-tiny", training_file: "f", lis: { method: { type: "lora", alpha: 16 } } }, 400, "lis.method.rank"],
      [{ model: "lis-tiny", training_file: "f", lis: { method: { type: "lora", rank: 4, alpha: -1 } } }, 400, "lis.method.alpha"],
      [{ model: "nope", training_file: "f" }, 404, "model"],
      [{ model: "lis-tiny" }, 400, "training_file"],
      [{ model: "lis-tiny", training_file: "f", learning_rate: 1 }, 400, "learning_rate"],
    ];
    for (const [body, status, param] of cases) {
      const r = await s.post("/fine_tuning/jobs", body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.error.param, JSON.stringify(body)).toBe(param);
    }
  });

  it("lists jobs newest first with has_more and after/limit paging", async () => {
    const a = (await s.post("/fine_tuning/jobs", { model: "lis-tiny", training_file: "a" })).json.id;
    const b = (await s.post("/fine_tuning/jobs", { model: "lis-tiny", training_file: "b" })).json.id;
    const first = await s.get("/fine_tuning/jobs?limit=1");
    expectValid("fine-tuning-job-list", first.json);
    expect(first.json.data.map((j: { id: string }) => j.id)).toEqual([b]);
    expect(first.json.has_more).toBe(true);
    const next = await s.get(`/fine_tuning/jobs?limit=1&after=${b}`);
    expect(next.json.data.map((j: { id: string }) => j.id)).toEqual([a]);
    expect((await s.get("/fine_tuning/jobs?limit=0")).status).toBe(400);
  });
});

describe("fine-tuning faults", () => {
  it("FT-001 answers 201; FT-012 drops has_more; FT-009 nulls job_not_found", async () => {
    const f = await serve({ faults: ["FT-001", "FT-012", "FT-009"] });
    expect((await f.post("/fine_tuning/jobs", { model: "lis-tiny", training_file: "f" })).status).toBe(201);
    expect((await f.get("/fine_tuning/jobs")).json).not.toHaveProperty("has_more");
    expect((await f.get("/fine_tuning/jobs/nope")).json.error.code).toBeNull();
    await f.close();
  });

  it("FT-011 accepts n_epochs 0; FT-002 drops seed; FT-004 nulls finished_at of a finished job", async () => {
    const f = await serve({ faults: ["FT-011", "FT-002", "FT-004"] });
    const created = await f.post("/fine_tuning/jobs", { model: "lis-tiny", training_file: "f", hyperparameters: { n_epochs: 0 } });
    expect(created.status).toBe(200);
    expect(created.json).not.toHaveProperty("seed");
    const id = created.json.id;
    await f.post(`/fine_tuning/jobs/${id}/cancel`, undefined);
    expect((await f.get(`/fine_tuning/jobs/${id}`)).json).toMatchObject({ status: "cancelled", finished_at: null });
    await f.close();
  });

  it("store faults reach the server: FT-005 hides the model, FT-006 drops its lineage", async () => {
    for (const [fault, check] of [
      ["FT-005", (models: Array<{ id: string }>) => expect(models.some((m) => m.id.startsWith("ft:"))).toBe(false)],
      ["FT-006", (models: Array<{ id: string; lis?: { kind?: string } }>) => expect(models.find((m) => m.id.startsWith("ft:"))?.lis?.kind).toBe("pre-trained")],
    ] as const) {
      const f = await serve({ faults: [fault] });
      const id = (await f.post("/fine_tuning/jobs", { model: "lis-tiny", training_file: "f", hyperparameters: { n_epochs: 1 } })).json.id;
      for (let i = 0; i < 3; i++) await f.get(`/fine_tuning/jobs/${id}`);
      check((await f.get("/models")).json.data);
      await f.close();
    }
  });
});
