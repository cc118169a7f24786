import { describe, expect, it } from "vitest";
import { finishLengthAtLimit } from "../../../tools/conformance/checks/finish-length-at-limit.js";
import { logprobsForContent } from "../../../tools/conformance/checks/logprobs-for-content.js";
import { partialAnswerKept } from "../../../tools/conformance/checks/partial-answer-kept.js";
import { chosenTokenIsTop } from "../../../tools/conformance/checks/chosen-token-is-top.js";
import { jobStatusFollows } from "../../../tools/conformance/checks/job-status-follows.js";
import { newestStatusEvent } from "../../../tools/conformance/checks/newest-status-event.js";
import { chunk, completion, ctx, response } from "../check-context.js";

// Checks that judge what a legal answer shows, and nothing where it shows nothing: a model that ends at once
// (empty content, stop), a reasoning model whose limit went to reasoning, a slow fine-tuning job, metrics events.
const answer = (content: string, finish: string, completionTokens: number, extra: Record<string, unknown> = {}) =>
  response({ json: completion([{ index: 0, message: { role: "assistant", content }, finish_reason: finish, ...extra }], { usage: { prompt_tokens: 3, completion_tokens: completionTokens, total_tokens: 3 + completionTokens } }) });

describe("finishLengthAtLimit", () => {
  it("requires length from a choice that used the whole limit", () => {
    expect(finishLengthAtLimit.run({ max: 1 }, ctx(answer("Once", "length", 1))).passed).toBe(true);
    expect(finishLengthAtLimit.run({ max: 1 }, ctx(answer("Once", "stop", 1)))).toMatchObject({ passed: false, message: expect.stringMatching(/reached the limit of 1 token\(s\) but finished with "stop"/) });
  });

  it("does not judge a choice that ended by itself before the limit", () => {
    const atOnce = finishLengthAtLimit.run({ max: 1 }, ctx(answer("", "stop", 0)));
    expect(atOnce).toMatchObject({ passed: true, vacuous: true });
    expect(finishLengthAtLimit.run({ max: 3 }, ctx(answer("One two", "stop", 2))).vacuous).toBe(true);
    // An empty answer that names another reason than stop is still judged.
    expect(finishLengthAtLimit.run({ max: 1 }, ctx(answer("", "tool_calls", 1))).passed).toBe(false);
  });

  it("reads a stream's finishing chunk and usage chunk", () => {
    const stream = (finish: string, tokens: number) =>
      response({ chunks: [chunk([{ index: 0, delta: { role: "assistant", content: "One" }, finish_reason: null }]), chunk([{ index: 0, delta: {}, finish_reason: finish }]), chunk([], { usage: { prompt_tokens: 1, completion_tokens: tokens, total_tokens: 1 + tokens } })] });
    expect(finishLengthAtLimit.run({ max: 3 }, ctx(stream("length", 3))).passed).toBe(true);
    expect(finishLengthAtLimit.run({ max: 3 }, ctx(stream("stop", 3))).passed).toBe(false);
    expect(finishLengthAtLimit.run({ max: 3 }, ctx(stream("stop", 1))).vacuous).toBe(true);
  });
});

describe("logprobsForContent", () => {
  const entry = { token: "Once", logprob: -0.1, bytes: [79], top_logprobs: [] };
  it("wants entries for content and none for an empty answer", () => {
    expect(logprobsForContent.run({}, ctx(answer("Once", "length", 1, { logprobs: { content: [entry] } }))).passed).toBe(true);
    expect(logprobsForContent.run({}, ctx(answer("Once", "length", 1, { logprobs: { content: [] } }))).message).toMatch(/content without log-probability entries/);
    expect(logprobsForContent.run({}, ctx(answer("", "stop", 0, { logprobs: { content: [entry] } }))).message).toMatch(/entries for an empty content/);
    expect(logprobsForContent.run({}, ctx(answer("Once", "length", 1, { logprobs: null }))).passed).toBe(false);
  });

  it("judges nothing on an empty answer without entries", () => {
    expect(logprobsForContent.run({}, ctx(answer("", "stop", 0, { logprobs: { content: [] } })))).toMatchObject({ passed: true, vacuous: true });
  });
});

describe("partialAnswerKept", () => {
  const reasoned = (content: string, reasoning: number, total: number) =>
    response({ json: completion([{ index: 0, message: { role: "assistant", content }, finish_reason: "length" }], { usage: { prompt_tokens: 3, completion_tokens: total, total_tokens: 3 + total, completion_tokens_details: { reasoning_tokens: reasoning } } }) });
  it("wants the text generated so far", () => {
    expect(partialAnswerKept.run({}, ctx(answer('{"ci', "length", 3))).passed).toBe(true);
    expect(partialAnswerKept.run({}, ctx(answer("", "length", 3))).message).toMatch(/no content although answer tokens were generated/);
    expect(partialAnswerKept.run({}, ctx(reasoned("", 2, 3))).passed).toBe(false);
  });

  it("judges nothing when every token went to reasoning", () => {
    expect(partialAnswerKept.run({}, ctx(reasoned("", 3, 3)))).toMatchObject({ passed: true, vacuous: true });
  });
});

describe("chosenTokenIsTop on an empty answer", () => {
  it("judges nothing where nothing was chosen, and still fails an answer with text but no entries", () => {
    expect(chosenTokenIsTop.run({ requireEntries: true }, ctx(answer("", "stop", 0, { logprobs: { content: [] } })))).toMatchObject({ passed: true, vacuous: true });
    expect(chosenTokenIsTop.run({ requireEntries: true }, ctx(answer("Once", "length", 1, { logprobs: { content: [] } }))).passed).toBe(false);
  });
});

describe("jobStatusFollows", () => {
  const job = (status: string) => ctx(response({ json: { object: "fine_tuning.job", status } }));
  it("accepts a job that stays where it was or moves forward, several steps at once", () => {
    expect(jobStatusFollows.run({ from: "validating_files" }, job("validating_files")).passed).toBe(true);
    expect(jobStatusFollows.run({ from: "validating_files" }, job("running")).passed).toBe(true);
    expect(jobStatusFollows.run({ from: "queued" }, job("succeeded")).passed).toBe(true);
  });

  it("refuses a job that goes back or leaves a terminal status", () => {
    expect(jobStatusFollows.run({ from: "running" }, job("queued")).message).toMatch(/from running to queued/);
    expect(jobStatusFollows.run({ from: "succeeded" }, job("running")).passed).toBe(false);
    expect(jobStatusFollows.run({ from: "cancelled" }, job("failed")).passed).toBe(false);
    expect(jobStatusFollows.run({ from: "queued" }, job("paused")).passed).toBe(false);
  });
});

describe("newestStatusEvent", () => {
  const events = (...data: unknown[]) => ctx(response({ json: { object: "list", data: data.map((d, i) => ({ id: `e${i}`, object: "fine_tuning.job.event", data: d })) } }));
  it("takes the newest event that records a status, past newer metrics events", () => {
    expect(newestStatusEvent.run({ status: "running" }, events({ step: 1, train_loss: 1.2 }, { status: "running" }, { status: "queued" })).passed).toBe(true);
    expect(newestStatusEvent.run({ status: "running" }, events(null, { status: "queued" })).message).toMatch(/does not record the job's current status/);
    expect(newestStatusEvent.run({ status: "running" }, events({ step: 1 })).message).toMatch(/no event records a status change/);
  });
});
