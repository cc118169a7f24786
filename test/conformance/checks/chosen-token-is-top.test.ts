import { describe, expect, it } from "vitest";
import { chosenTokenIsTop } from "../../../tools/conformance/checks/chosen-token-is-top.js";
import { context } from "./suite-check-context.js";

const entry = (token: string, logprob: number, top: [string, number][]) => ({ token, logprob, bytes: null, top_logprobs: top.map(([t, l]) => ({ token: t, logprob: l, bytes: null })) });
const run = (entries: unknown[], args = {}) => chosenTokenIsTop.run(args, context({ body: { choices: [{ index: 0, message: { content: "x" }, logprobs: { content: entries }, finish_reason: "length" }] } }));

describe("chosenTokenIsTop", () => {
  it("passes the top token and a tie within the tolerance", () => {
    expect(run([entry("Hi", -0.1, [["Hi", -0.1], ["Hello", -2]]), entry(" there", -0.7, [[" you", -0.6995], [" there", -0.7]])]).passed).toBe(true);
  });

  it("fails a token that is less likely than the top entry", () => {
    const r = run([entry("Hello", -2, [["Hi", -0.1], ["Hello", -2]])]);
    expect(r.passed).toBe(false);
    expect(r.expected).toBe('the top entry "Hi"');
  });

  it("finds the most likely entry by logprob, whatever the order of the list", () => {
    expect(run([entry("Hi", -0.1, [["Hello", -2], ["Hi", -0.1]])]).passed).toBe(true);
  });

  it("with requireEntries, fails when nothing can be judged", () => {
    expect(run([entry("Hi", -0.1, [])], { requireEntries: true }).passed).toBe(false);
    expect(run([entry("Hi", -0.1, [])]).passed).toBe(true);
  });
});
