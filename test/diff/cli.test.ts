import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const fixture = (...parts: string[]) => join(import.meta.dirname, "fixtures", ...parts);
const OLD = fixture("openapi-3.0", "old.yaml");
const NEW = fixture("openapi-3.0", "new.yaml");
const FOLDER_OLD = fixture("folder", "old");
const FOLDER_NEW = fixture("folder", "new");

describe("lis diff (subprocess)", () => {
  it("exits 0 with `no changes` for identical inputs", () => {
    const run = runCli(["diff", OLD, OLD]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/no changes/);
    expect(run.status).toBe(0);
  });

  it("exits 1 on breaking changes by default, and prints each with its row, location and use", () => {
    const run = runCli(["diff", FOLDER_OLD, FOLDER_NEW]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/BREAKING\s+request\s+REQ-PROPERTY-BECAME-REQUIRED: member `kind` is now required/);
    expect(run.stdout).toMatch(/at event\.schema\.json: properties › kind\n/);
    expect(run.stdout).toMatch(/3 change\(s\): 2 breaking, 1 non-breaking, 0 informational/);
  });

  it("exits 0 when only non-breaking changes exist, and 1 with --fail-on non-breaking", () => {
    expect(runCli(["diff", OLD, NEW]).status).toBe(0);
    expect(runCli(["diff", OLD, NEW, "--fail-on", "non-breaking"]).status).toBe(1);
    expect(runCli(["diff", OLD, NEW, "--fail-on", "informational"]).status).toBe(1);
    expect(runCli(["diff", FOLDER_OLD, FOLDER_NEW, "--fail-on", "never"]).status).toBe(0);
  });

  it("--format json prints the changes and a summary", () => {
    const run = runCli(["diff", FOLDER_OLD, FOLDER_NEW, "--format", "json"]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ breaking: 2, "non-breaking": 1, informational: 0, request: 2, response: 1 });
    expect(report.changes[0]).toEqual({
      row: "REQ-PROPERTY-BECAME-REQUIRED",
      classification: "breaking",
      direction: "request",
      message: "member `kind` is now required",
      location: "event.schema.json#/properties/kind",
      usedAt: ["event (request)"],
      usedAtCount: 1,
    });
  });

  it("--format markdown prints a table", () => {
    const run = runCli(["diff", FOLDER_OLD, FOLDER_NEW, "--format", "markdown"]);
    expect(run.stdout).toMatch(/^## lis diff: /);
    expect(run.stdout).toMatch(/\| 🔴 breaking \| response \| `RES-ENUM-VALUE-ADDED` \| enum value\(s\) added: "turbo" \| mode\.schema\.json: enum \|/);
  });

  it.each([
    ["a missing file", ["diff", fixture("bad", "nope.yaml"), OLD], /not found/],
    ["invalid YAML", ["diff", fixture("bad", "broken.yaml"), OLD], /broken\.yaml:\d+:\d+/],
    ["a document that is not OpenAPI", ["diff", OLD, fixture("bad", "not-openapi.yaml")], /not an OpenAPI document/],
    ["an unknown format", ["diff", OLD, NEW, "--format", "xml"], /invalid/],
    ["an unknown --fail-on", ["diff", OLD, NEW, "--fail-on", "sometimes"], /invalid/],
    ["a missing argument", ["diff", OLD], /missing required argument/],
  ])("exits 2 on %s, with a message and no stack trace", (_what, args, message) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
