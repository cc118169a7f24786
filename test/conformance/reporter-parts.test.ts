import { describe, expect, it } from "vitest";
import { MAX_WIDTH, badgeText, renderBadge, svgWidth } from "../../tools/conformance/reporters/badge.js";
import { curlCommand } from "../../tools/conformance/reporters/curl.js";
import { PlainProgress, progressMode } from "../../tools/conformance/reporters/progress.js";
import { CASE_STATUSES, PROFILE_VERDICTS, byOrder, countsPhrase, styleOf, worst } from "../../tools/conformance/reporters/statuses.js";
import { describeCall } from "../../tools/conformance/checks/types.js";
import { renderJunit } from "../../tools/conformance/reporters/junit.js";
import type { ConformanceReport } from "../../tools/conformance/report.js";
import type { CaseResult } from "../../tools/conformance/model.js";

const must = { total: 1, pass: 0, fail: 1, notApplicable: 0, untested: 0, notTestable: 0 };
const reportWith = (verdicts: [string, string][]) =>
  ({ spec: "1.0", profileVerdicts: verdicts.map(([profile, verdict]) => ({ profile, verdict, must, warnings: [] })) }) as unknown as ConformanceReport;

describe("badge", () => {
  it("says conformant when every profile is, in green", () => {
    const r = reportWith([["core", "conformant"], ["streaming", "conformant"]]);
    expect(badgeText(r)).toMatchObject({ label: "LIS 1.0", message: "conformant", color: "brightgreen" });
    expect(svgWidth(renderBadge(r))).toBeLessThanOrEqual(MAX_WIDTH);
  });

  it("names the failing profiles while it fits in 200 px, else counts them; the tooltip names every profile", () => {
    const two = reportWith([["core", "conformant"], ["tools", "not-conformant"], ["streaming", "not-conformant"], ["embeddings", "incomplete"]]);
    expect(badgeText(two).message).toBe("tools, streaming failing");
    const many = reportWith([["core", "not-conformant"], ["tools", "not-conformant"], ["structured-output", "not-conformant"], ["embeddings", "conformant"]]);
    expect(badgeText(many).message).toBe("3 profiles failing");
    expect(badgeText(many).title).toBe("LIS 1.0: core not conformant, tools not conformant, structured-output not conformant, embeddings conformant");
    for (const r of [two, many]) expect(svgWidth(renderBadge(r))).toBeLessThanOrEqual(MAX_WIDTH);
  });

  it("shows a verdict it has no row for as itself, neutrally, rather than failing", () => {
    const r = reportWith([["core", "someday-new"], ["tools", "conformant"]]);
    expect(badgeText(r)).toMatchObject({ message: "core someday-new", color: "blue" });
  });
});

describe("status tables", () => {
  it("order, count and style values from data, unknown values included", () => {
    expect(byOrder(PROFILE_VERDICTS)).toEqual(["not-conformant", "incomplete", "conformant"]);
    expect(worst(PROFILE_VERDICTS, ["conformant", "incomplete"])).toBe("incomplete");
    expect(countsPhrase(CASE_STATUSES, { total: 10, pass: 5, fail: 2, error: 0, skip: 1, inconclusive: 1, novel: 1 })).toBe("2 fail, 1 inconclusive, 5 pass, 1 skip, 1 novel");
    expect(styleOf(CASE_STATUSES, "inconclusive")).toMatchObject({ label: "inconclusive", tone: "warn", junit: "skipped" });
    expect(styleOf(CASE_STATUSES, "novel")).toMatchObject({ label: "novel", tone: "info" });
  });

  it("JUnit takes its element from the table: an unknown status is skipped, never a passed test", () => {
    const base = { title: "t", profile: "core", clauses: [], checks: [], evidence: [], durationMs: 1, source: { file: "f.yaml", line: 1 } };
    const report = { spec: "1.0", target: { baseUrl: "http://h/v1" }, startedAt: "2026-01-01T00:00:00.000Z", durationMs: 1, summary: { cases: {} }, run: { status: "complete" }, cases: [
      { ...base, id: "a", status: "pass" }, { ...base, id: "b", status: "inconclusive", reason: "not reproducible" }, { ...base, id: "c", status: "precondition-failed" },
    ] } as unknown as ConformanceReport;
    const xml = renderJunit(report);
    expect(xml).toMatch(/<testsuites [^>]*tests="3" failures="0" errors="0" skipped="2"/);
    expect(xml).toContain('<skipped message="inconclusive: not reproducible"/>');
  });
});

describe("describeCall: a check's description with its arguments spelled out", () => {
  it("fills `name` with the argument's value, `name` (default D) with D when the argument is absent", () => {
    expect(describeCall("Each choice's finish_reason is one of `in`.", { in: ["stop", "length"] })).toBe(`Each choice's finish_reason is one of ["stop","length"].`);
    expect(describeCall("The string `value` matches the regular expression `pattern`. More words.", { value: "lis-tiny", pattern: "[/?#]" })).toBe('The string "lis-tiny" matches the regular expression "[/?#]".');
    expect(describeCall("Norm 1 within `tolerance` (default 0.001).", {})).toBe("Norm 1 within 0.001.");
    expect(describeCall("Norm 1 within `tolerance` (default 0.001).", { tolerance: 0.01 })).toBe("Norm 1 within 0.01.");
    expect(describeCall("Carries the same `id` in every chunk.", {})).toBe("Carries the same `id` in every chunk.");
  });
});

describe("curlCommand", () => {
  it("rebuilds the request with the key as $LIS_API_KEY, without the client's own headers, quoting safely", () => {
    const evidence = "POST http://127.0.0.1:8080/v1/chat/completions\nuser-agent: lis-conformance/0.1.0\naccept: */*\ncontent-type: application/json\nauthorization: Bearer [REDACTED]\nx-team: it's\n\n{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"it's\"}]}";
    const { command, bodyClipped } = curlCommand(evidence);
    expect(command).toBe(`curl -sS -X POST 'http://127.0.0.1:8080/v1/chat/completions' -H 'content-type: application/json' -H "authorization: Bearer $LIS_API_KEY" -H 'x-team: it'\\''s' --data-raw '{"model":"m","messages":[{"role":"user","content":"it'\\''s"}]}'`);
    expect(bodyClipped).toBe(false);
    expect(curlCommand("GET http://h/v1/models\naccept: */*").command).toBe("curl -sS 'http://h/v1/models'");
    expect(curlCommand("POST http://h/v1/x\n\n{\"a\":\"aaaa… (20000 characters)").bodyClipped).toBe(true);
  });
});

describe("plain progress (CI logs)", () => {
  const done = (profile: string, status: CaseResult["status"] = "pass") => ({ profile, status }) as CaseResult;

  it("picks the live line on a terminal and plain lines elsewhere", () => {
    expect(progressMode("auto", true)).toBe("tty");
    expect(progressMode("auto", false)).toBe("plain");
    expect(progressMode("none", true)).toBe("none");
  });

  it("says what runs, a line per finished profile, and a heartbeat after 10 s of silence only", () => {
    const p = new PlainProgress([{ profile: "core" }, { profile: "core" }, { profile: "tools" }], 0);
    expect(p.start()).toBe("running 3 cases (core 2, tools 1)\n");
    expect(p.caseDone(done("core"), 1000)).toBe("");
    expect(p.tick(9000)).toBe("");
    expect(p.tick(11_000)).toBe("… 1/3 cases done (1 pass), 11.0 s; running: core, tools\n");
    expect(p.tick(12_000)).toBe("");
    expect(p.caseDone(done("core", "fail"), 15_000)).toBe("profile core done: 1 fail, 1 pass [2/3 cases, 15.0 s]\n");
    expect(p.tick(24_000)).toBe("");
    expect(p.caseDone(done("tools"), 30_000)).toBe("profile tools done: 1 pass [3/3 cases, 30.0 s]\n");
    expect(p.tick(60_000)).toBe("");
  });
});
