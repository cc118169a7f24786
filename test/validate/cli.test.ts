// `lis validate` as a subprocess, the way a user runs it: every input form, every exit code, no stack traces.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const fx = (name: string) => join("test/validate/fixtures", name);
const tmp = mkdtempSync(join(tmpdir(), "lis-validate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A user-facing error: one `lis:` line (or a few), no stack trace. */
function expectCleanError(stderr: string) {
  expect(stderr).toMatch(/^lis: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/internal error/);
}

describe("lis validate: documents", () => {
  it("exits 0 for a valid JSON document", () => {
    const r = runCli(["validate", fx("error-valid.json"), "--schema", "error"]);
    expect(r.stdout).toBe(`${fx("error-valid.json")}: valid against error (spec 1.0)\n`);
    expect(r.status).toBe(0);
  });

  it("exits 1 for an invalid one, with JSON pointers and readable messages", () => {
    const r = runCli(["validate", fx("error-invalid.json"), "--schema", "error"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("invalid against error (spec 1.0)");
    expect(r.stdout).toContain("  /error/param: required member is missing");
    expect(r.stdout).toContain("  /error/code: must be string or null, not integer (401)");
  });

  it("--format json gives every error as {pointer, message}", () => {
    const r = runCli(["validate", fx("error-invalid.json"), "--schema", "error", "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ schema: "error", spec: "1.0", input: "json", valid: false });
    expect(report.documents[0].errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/error/code", "/error/param"]);
  });

  it("reads standard input with -", () => {
    const r = runCli(["validate", "-", "--schema", "error"], { input: '{"error":{"message":"m","type":"server_error","param":null,"code":null}}' });
    expect(r.stdout).toBe("<stdin>: valid against error (spec 1.0)\n");
    expect(r.status).toBe(0);
  });
});

describe("lis validate: JSONL, SSE and HTTP captures", () => {
  it("names the one bad line of a JSONL file (file:line) and still checks the others", () => {
    const r = runCli(["validate", fx("errors-one-bad-line.jsonl"), "--schema", "error"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${fx("errors-one-bad-line.jsonl")}:4: not JSON at line 4, column`);
    expect(r.stdout).toContain("3 of 4 documents valid");
  });

  it("names the JSONL line that does not validate", () => {
    const r = runCli(["validate", fx("errors-one-invalid-line.jsonl"), "--schema", "error"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${fx("errors-one-invalid-line.jsonl")}:2: invalid\n  /error/type: must be one of`);
    expect(r.stdout).toContain("1 of 2 documents valid");
  });

  it("validates each JSON event of an SSE stream, naming line and event, and recognises [DONE]", () => {
    const r = runCli(["validate", fx("errors.sse"), "--schema", "error", "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.input).toBe("sse");
    expect(report.documents.map((d: { location: string; valid: boolean }) => [d.location, d.valid])).toEqual([
      [`${fx("errors.sse")}:3 (event 1)`, true],
      [`${fx("errors.sse")}:5 (event 2)`, false],
      [`${fx("errors.sse")}:8 (event 3)`, false],
    ]);
    expect(report.documents[1].errors[0].pointer).toBe("/error/message");
    expect(report.documents[2].parseError).toMatch(/^event data is not JSON/);
    expect(report.notes).toContain("the stream is terminated by data: [DONE]");
  });

  it("reads a raw HTTP capture (status line, headers, body) and reports the status", () => {
    const r = runCli(["validate", fx("error-401.http"), "--schema", "error"]);
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(`${fx("error-401.http")}: HTTP 401, application/json; charset=utf-8`);
    expect(r.stdout).toContain("/error/param: required member is missing");
  });

  it("undoes chunked transfer coding in an HTTP capture of a stream", () => {
    const r = runCli(["validate", fx("errors-chunked.http"), "--schema", "error", "--format", "json"]);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ input: "http", bodyForm: "sse", valid: true, http: { status: 200 } });
    expect(report.documents).toHaveLength(1);
    expect(r.status).toBe(0);
  });

  it("--input overrides detection", () => {
    // One line of JSON read as JSONL: locations carry the line number.
    const r = runCli(["validate", fx("error-invalid.json"), "--schema", "error", "--input", "jsonl"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${fx("error-invalid.json")}:1: invalid`);
  });
});

describe("lis validate: clear errors, exit 2, never a stack trace", () => {
  it("a missing file", () => {
    const r = runCli(["validate", "no/such/file.json", "--schema", "error"]);
    expect(r.status).toBe(2);
    expectCleanError(r.stderr);
    expect(r.stderr).toContain("file not found: no/such/file.json");
  });

  it("a file that is not JSON, with line and column", () => {
    const r = runCli(["validate", fx("not-json.json"), "--schema", "error"]);
    expect(r.status).toBe(2);
    expectCleanError(r.stderr);
    expect(r.stderr).toMatch(/not-json\.json is not JSON at line 4, column 13: Unexpected token/);
  });

  it("an unknown schema name, listing the known ones", () => {
    const r = runCli(["validate", fx("error-valid.json"), "--schema", "chat-completions"]);
    expect(r.status).toBe(2);
    expectCleanError(r.stderr);
    expect(r.stderr).toMatch(/unknown schema "chat-completions" for spec 1\.0; known schemas: .*\berror\b/);
  });

  it("a 50 MB document, refused by its size before it is read", () => {
    const big = join(tmp, "big.json");
    writeFileSync(big, "");
    truncateSync(big, 50 * 1024 * 1024); // sparse: costs no disk and no time
    const r = runCli(["validate", big, "--schema", "error"]);
    expect(r.status).toBe(2);
    expectCleanError(r.stderr);
    expect(r.stderr).toContain(`is 52428800 bytes, over the limit of 16777216 bytes; raise it with --max-bytes`);
  });

  it("--max-bytes lowers and raises the cap", () => {
    const low = runCli(["validate", fx("error-valid.json"), "--schema", "error", "--max-bytes", "100"]);
    expect(low.status).toBe(2);
    expect(low.stderr).toContain("over the limit of 100 bytes");
    const high = runCli(["validate", fx("error-valid.json"), "--schema", "error", "--max-bytes", "1K"]);
    expect(high.status).toBe(0);
  });

  it("standard input over the cap", () => {
    const r = runCli(["validate", "-", "--schema", "error", "--max-bytes", "1000"], { input: " ".repeat(5000) });
    expect(r.status).toBe(2);
    expectCleanError(r.stderr);
    expect(r.stderr).toContain("standard input is more than 1000 bytes");
  });

  it("a bad --max-bytes value, an empty input, a directory", () => {
    for (const [args, message] of [
      [["validate", fx("error-valid.json"), "--schema", "error", "--max-bytes", "lots"], /--max-bytes expects a number of bytes/],
      [["validate", "-", "--schema", "error"], /standard input is empty/],
      [["validate", "test/validate", "--schema", "error"], /is a directory/],
    ] as const) {
      const r = runCli([...args], { input: "" });
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a missing --schema option", () => {
    const r = runCli(["validate", fx("error-valid.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--schema/);
  });
});

describe("lis validate: hints", () => {
  it("suggests the error schema for an HTTP capture with an error status", () => {
    const r = runCli(["validate", fx("error-401.http"), "--schema", "model"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("note: the response has status 401; its body is probably an error envelope (--schema error)");
  });
});
