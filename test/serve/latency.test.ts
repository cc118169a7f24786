import { describe, expect, it } from "vitest";
import { frameDueTimes, parseLatency, tokenSchedule } from "../../tools/serve/latency.js";
import { startServer } from "../../tools/serve/server.js";
import { parseSse } from "../../tools/util/sse.js";
import { runCli } from "../support/cli.js";

// lis serve --latency: a deterministic pace, so that lis bench can be checked against the truth.
describe("the --latency schedule", () => {
  it("parses ttft, itl, jitter and seed, or 0; refuses anything else with what to write", () => {
    expect(parseLatency("ttft=200ms,itl=20ms")).toEqual({ ttftMs: 200, itlMs: 20, jitterMs: 0, seed: 0 });
    expect(parseLatency("itl=0.5s,jitter=500us,seed=9")).toEqual({ ttftMs: 0, itlMs: 500, jitterMs: 0.5, seed: 9 });
    expect(parseLatency("0")).toEqual({ ttftMs: 0, itlMs: 0, jitterMs: 0, seed: 0 });
    for (const bad of ["ttft=200", "speed=1ms", "ttft=1ms,ttft=2ms", "ttft=-1ms", "itl=20ms=3", "seed=x"]) expect(() => parseLatency(bad), bad).toThrow(/--latency/);
  });

  it("puts token k at ttft + k·itl; jitter moves each delay by at most its size, the same way for the same seed", () => {
    const due = tokenSchedule({ ttftMs: 200, itlMs: 20, jitterMs: 0, seed: 0 }, 1);
    expect([0, 1, 2, 10].map(due)).toEqual([200, 220, 240, 400]);
    const a = tokenSchedule({ ttftMs: 200, itlMs: 20, jitterMs: 5, seed: 4 }, 7);
    const b = tokenSchedule({ ttftMs: 200, itlMs: 20, jitterMs: 5, seed: 4 }, 7);
    const gaps = Array.from({ length: 200 }, (_, k) => a(k + 1) - a(k));
    expect(gaps.every((g) => g >= 15 && g <= 25)).toBe(true);
    expect(Array.from({ length: 20 }, (_, k) => a(k))).toEqual(Array.from({ length: 20 }, (_, k) => b(k)));
    const sorted = [...gaps].sort((x, y) => x - y);
    expect(Math.abs(sorted[100] - 20)).toBeLessThan(1); // the median stays the nominal value
  });

  it("paces token-bearing chunks by their choice's count; other frames go with the frame before", () => {
    const c = (index: number, delta: Record<string, unknown>) => ({ choices: [{ index, delta }] });
    const chunks = [c(0, { role: "assistant", content: "" }), c(0, { content: "a" }), c(1, { content: "x" }), c(0, { content: "b" }), c(0, {})];
    expect(frameDueTimes(chunks, 6, (k) => 100 + 10 * k)).toEqual([0, 100, 100, 110, 110, 110]);
  });
});

describe("lis serve --latency", () => {
  it("writes a stream on the schedule and generates exactly max_completion_tokens with ignore_eos", async () => {
    const server = await startServer({ port: 0, latency: { ttftMs: 60, itlMs: 15, jitterMs: 0, seed: 0 } });
    try {
      const started = performance.now();
      const res = await fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "lis-tiny", messages: [{ role: "user", content: "fox" }], max_completion_tokens: 12, ignore_eos: true, stream: true, stream_options: { include_usage: true } }) });
      const text = await res.text();
      const elapsed = performance.now() - started;
      const chunks = parseSse(text).events.filter((e) => e.data !== "[DONE]").map((e) => JSON.parse(e.data));
      expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(12);
      expect(chunks.at(-1).usage.completion_tokens).toBe(12);
      expect(elapsed).toBeGreaterThanOrEqual(60 + 11 * 15); // never early: the schedule is a lower bound on the wall clock
    } finally {
      await server.close();
    }
  });

  it("refuses a bad schedule on the command line with exit 2", () => {
    const r = runCli(["serve", "--port", "0", "--latency", "ttft=fast"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--latency ttft: 'fast' is not a duration/);
  });
});
