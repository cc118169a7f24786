import { describe, expect, it } from "vitest";
import { checkRegistry } from "../../tools/conformance/checks/index.js";
import type { ReceivedResponse } from "../../tools/conformance/model.js";
import { ctx } from "./check-context.js";

// PERF-023's checks judge a stream by when its events arrived (stamped at byte arrival), counted from the
// response headers: built here from hand-made arrival times.
const content = (text: string) => ({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
const role = { choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] };
function stream(headersAtMs: number, times: number[], withRole = true): ReceivedResponse {
  const events = [...(withRole ? [{ data: JSON.stringify(role), event: "message", json: role, atMs: headersAtMs }] : []), ...times.map((t, i) => ({ data: "", event: "message", json: content(`w${i}`), atMs: t })), { data: "[DONE]", event: "message", json: undefined, atMs: times[times.length - 1] ?? headersAtMs }];
  return { status: 200, headers: {}, bodyText: "", durationMs: 0, headersAtMs, receivedAtMs: 0, events, unterminated: "" };
}
const run = (name: string, args: Record<string, unknown>, res: ReceivedResponse) => checkRegistry.get(name)!.run(args, ctx(res));
const even = (from: number, step: number, n: number) => Array.from({ length: n }, (_, i) => from + i * step);

describe("streamLastsAtLeast (PERF-023's precondition)", () => {
  const args = { ms: 100, contentEvents: 8 };
  it("holds for a stream that lasted long enough after its headers with enough content", () => {
    expect(run("streamLastsAtLeast", args, stream(5, even(10, 20, 10))).passed).toBe(true);
  });
  it("does not hold for a server that answered only when it had generated everything", () => {
    // 400 ms of generation before the headers, then every event at once: nothing is observable.
    expect(run("streamLastsAtLeast", args, stream(400, even(400.1, 0.01, 10)))).toMatchObject({ passed: false, message: expect.stringMatching(/too soon/) });
  });
  it("does not hold for too few content events", () => {
    expect(run("streamLastsAtLeast", args, stream(0, even(50, 50, 4)))).toMatchObject({ passed: false, message: expect.stringMatching(/4 content-bearing events/) });
  });
});

describe("contentNotHeldBack (PERF-023)", () => {
  const args = { fraction: 0.1, minMs: 100 };
  it("passes a stream whose content arrived while it was generated", () => {
    expect(run("contentNotHeldBack", args, stream(2, even(10, 5, 64))).passed).toBe(true);
  });
  it("fails a stream whose headers came at once and whose content all came in one burst at the end", () => {
    expect(run("contentNotHeldBack", args, stream(1, even(320, 0, 64)))).toMatchObject({ passed: false, message: expect.stringMatching(/all 64 content-bearing events arrived within 0\.0 ms .* held back/) });
  });
  it("passes a stream shorter than minMs after its headers: nothing held back that a client could notice", () => {
    expect(run("contentNotHeldBack", args, stream(1, even(60, 0, 16))).passed).toBe(true);
  });
  it("is not fooled by a slow start: the time before the headers does not count", () => {
    expect(run("contentNotHeldBack", args, stream(900, even(905, 5, 40))).passed).toBe(true);
  });
});
