import { describe, expect, it } from "vitest";
import { JobStore, type JobSpec } from "../../tools/serve/fine-tuning/jobs.js";
import { TRANSITIONS, allowed, isTerminal, type JobStatus } from "../../tools/serve/fine-tuning/lifecycle.js";
import { getValidator } from "../../tools/validate/validators.js";

const spec = (over: Partial<JobSpec> = {}): JobSpec => ({
  model: "lis-tiny",
  trainingFile: "f",
  validationFile: null,
  hyperparameters: { n_epochs: 2, batch_size: 8, learning_rate_multiplier: 1 },
  seed: 1,
  suffix: "t",
  format: "chat",
  method: { type: "full" },
  simulateFail: false,
  ...over,
});
const statusOf = (job: Record<string, unknown> | undefined) => job?.status as JobStatus;

describe("the lifecycle table", () => {
  it("has exactly the transitions of spec/1.0/fine-tuning.md; terminal statuses have none", () => {
    expect(TRANSITIONS).toEqual({
      validating_files: ["queued", "failed", "cancelled"],
      queued: ["running", "cancelled"],
      running: ["succeeded", "failed", "cancelled"],
      succeeded: [],
      failed: [],
      cancelled: [],
    });
    expect(["succeeded", "failed", "cancelled"].every((s) => isTerminal(s as JobStatus))).toBe(true);
    expect(allowed("running", "queued")).toBe(false);
  });
});

describe("JobStore with the poll clock", () => {
  it("advances one step per read: validating_files, queued, running per epoch, succeeded", () => {
    const store = new JobStore("poll", {}, () => 1_767_225_600_000);
    const created = store.create(spec());
    expect(getValidator("fine-tuning-job")(created).errors).toEqual([]);
    const seen = [statusOf(created), ...Array.from({ length: 5 }, () => statusOf(store.read("ftjob-0001")))];
    expect(seen).toEqual(["validating_files", "queued", "running", "running", "succeeded", "succeeded"]);
    for (let i = 1; i < seen.length; i++) if (seen[i] !== seen[i - 1]) expect(allowed(seen[i - 1], seen[i]), `${seen[i - 1]} → ${seen[i]}`).toBe(true);
    const done = store.read("ftjob-0001")!;
    expect(done).toMatchObject({ fine_tuned_model: "ft:lis-tiny:t:ftjob-0001", finished_at: 1_767_225_600, trained_tokens: 2000, lis: { progress: { step: 2, total_steps: 2 } } });
    expect(store.models()).toEqual([{ id: "ft:lis-tiny:t:ftjob-0001", created: 1_767_225_600, owned_by: "lis", lineage: { kind: "fine-tuned", base_model: "lis-tiny", fine_tuning_job: "ftjob-0001" } }]);
  });

  it("records every status change as an event, newest first, and the list does not advance jobs", () => {
    const store = new JobStore("poll");
    store.create(spec({ hyperparameters: { n_epochs: 1, batch_size: 1, learning_rate_multiplier: 1 } }));
    store.list();
    store.list();
    expect(statusOf(store.list()[0])).toBe("validating_files");
    for (let i = 0; i < 3; i++) store.read("ftjob-0001");
    const events = store.events("ftjob-0001")!;
    expect(events.map((e) => e.data?.status)).toEqual(["succeeded", "running", "queued", "validating_files"]);
    expect(getValidator("fine-tuning-event-list")({ object: "list", data: events, has_more: false }).errors).toEqual([]);
  });

  it("a simulated failure fails while validating, with an error object", () => {
    const store = new JobStore("poll");
    store.create(spec({ simulateFail: true }));
    const job = store.read("ftjob-0001")!;
    expect(job).toMatchObject({ status: "failed", fine_tuned_model: null, error: { code: "invalid_training_file", param: "training_file" } });
    expect(typeof job.finished_at).toBe("number");
    expect(store.models()).toEqual([]);
  });

  it("cancel: unfinished jobs become cancelled for good, finished ones are not cancellable, unknown ids are undefined", () => {
    const store = new JobStore("poll");
    store.create(spec());
    expect(statusOf(store.cancel("ftjob-0001") as Record<string, unknown>)).toBe("cancelled");
    expect(statusOf(store.read("ftjob-0001"))).toBe("cancelled");
    expect(store.cancel("ftjob-0001")).toBe("not-cancellable");
    expect(store.cancel("nope")).toBeUndefined();
    expect(store.read("nope")).toBeUndefined();
    expect(store.models()).toEqual([]);
  });
});

describe("JobStore with a wall clock", () => {
  it("takes one step per stepMs since creation, whatever the number of reads", () => {
    let now = 1_000_000;
    const store = new JobStore({ stepMs: 100 }, {}, () => now);
    store.create(spec({ hyperparameters: { n_epochs: 1, batch_size: 1, learning_rate_multiplier: 1 } }));
    expect(statusOf(store.read("ftjob-0001"))).toBe("validating_files");
    expect(statusOf(store.read("ftjob-0001"))).toBe("validating_files");
    now += 250;
    expect(statusOf(store.read("ftjob-0001"))).toBe("running");
    now += 1000;
    expect(statusOf(store.read("ftjob-0001"))).toBe("succeeded");
  });
});

describe("store quirks (each breaks one clause, for faults)", () => {
  const finished = (quirks: ConstructorParameters<typeof JobStore>[1]) => {
    const store = new JobStore("poll", quirks);
    store.create(spec({ hyperparameters: { n_epochs: 1, batch_size: 1, learning_rate_multiplier: 1 } }));
    for (let i = 0; i < 3; i++) store.read("ftjob-0001");
    return store;
  };
  it("leaveTerminal (FT-003): a succeeded job reads as running afterwards", () => {
    expect(statusOf(finished({ leaveTerminal: true }).read("ftjob-0001"))).toBe("running");
    expect(statusOf(finished({}).read("ftjob-0001"))).toBe("succeeded");
  });
  it("hideModels (FT-005), noLineage (FT-006)", () => {
    expect(finished({ hideModels: true }).models()).toEqual([]);
    expect(finished({ noLineage: true }).models()[0]).not.toHaveProperty("lineage");
  });
  it("ignoreCancel (FT-007) and cancelTerminal (FT-008)", () => {
    const store = new JobStore("poll", { ignoreCancel: true });
    store.create(spec());
    expect(statusOf(store.cancel("ftjob-0001") as Record<string, unknown>)).toBe("cancelled");
    expect(statusOf(store.read("ftjob-0001"))).toBe("queued");
    expect(statusOf(finished({ cancelTerminal: true }).cancel("ftjob-0001") as Record<string, unknown>)).toBe("cancelled");
  });
  it("noStatusEvents (FT-010) and noError (FT-014)", () => {
    expect(finished({ noStatusEvents: true }).events("ftjob-0001")!.map((e) => e.data?.status)).toEqual(["validating_files"]);
    const store = new JobStore("poll", { noError: true });
    store.create(spec({ simulateFail: true }));
    expect(store.read("ftjob-0001")).toMatchObject({ status: "failed", error: null });
  });
});

describe("fine-tuning faults and clauses", () => {
  it("every observable MUST clause of the fine-tuning profile has exactly one fault", async () => {
    const { loadClauses } = await import("../../tools/clauses/registry.js");
    const { FAULTS } = await import("../../tools/serve/faults/index.js");
    const must = loadClauses("1.0").filter((c) => c.profile === "fine-tuning" && c.level === "MUST" && c.observable && !c.withdrawn).map((c) => c.id);
    expect(must.length).toBeGreaterThanOrEqual(13);
    const faulted = FAULTS.filter((f) => f.clause.startsWith("FT-")).map((f) => f.clause);
    expect([...faulted].sort()).toEqual([...must].sort());
  });
});
