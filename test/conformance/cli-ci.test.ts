import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { runCli, runCliAsync } from "../support/cli.js";
import { json, startFake } from "./fake-server.js";
import { parseHeaderOptions } from "../../tools/conformance/command.js";
import { looksSecret } from "../../tools/http/redact.js";

// What a CI user meets: progress in a log that is not a terminal, extra headers for gateways, badges, and
// report paths checked before the run.
const fixture = (name: string) => join("test", "conformance", "fixtures", name);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lis-conformance-ci-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("progress (subprocess, stderr is a pipe as in CI)", () => {
  it("auto is plain when stderr is not a terminal: what runs, then a line per finished profile", () => {
    const r = runCli(["conformance", "--filter", "models-*,chat-basic*", "--profile", "core"]);
    expect(r.stderr).toMatch(/^running \d+ cases \(core \d+\)\n/);
    expect(r.stderr).toMatch(/\nprofile core done: \d+ pass[^\n]* \[(\d+)\/\1 cases, \d+\.\d s\]\n$/);
    expect(r.stderr).not.toContain("\x1b[");
  });

  it("--progress none says nothing on stderr; a bad mode is a usage error", () => {
    const r = runCli(["conformance", "--cases", fixture("pass.yaml"), "--progress", "none"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const bad = runCli(["conformance", "--progress", "loud"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--progress.*loud.*Allowed choices are auto, tty, plain, none/s);
  });

  it("a slow server gets a heartbeat line while nothing else happens", async () => {
    const server = await startFake((req, res) => {
      if (req.url === "/v1/models") json(res, 200, { object: "list", data: [{ id: "m", object: "model", created: 1, owned_by: "x" }] });
      else if (req.method === "GET") json(res, 404, { error: { message: "no", type: "not_found", param: null, code: null } });
      else setTimeout(() => json(res, 404, { error: { message: "no", type: "not_found", param: null, code: null } }), 12_000);
    });
    try {
      const r = await runCliAsync(["conformance", "--base-url", server.url, "--model", "m", "--filter", "chat-basic-completion", "--profile", "core", "--timeout", "11500"]);
      expect(r.stderr).toMatch(/^… 0\/1 cases done \(none\), 1\d\.\d s; running: core$/m);
      expect(r.stdout).toMatch(/timeout: no complete response within 11500 ms/);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe("--header", () => {
  it("sends each header on every request; a value that looks like a secret is redacted like the key, others are shown", async () => {
    const token = "gw_Zk39XqLm2Pw8Rt5Vb7Nc";
    const server = await startFake((req, res) => json(res, 200, { object: "list", data: [], echo: req.headers["x-gateway-token"] }));
    try {
      const report = join(dir, "headers.json");
      const r = await runCliAsync(["conformance", "--base-url", server.url, "--model", "m", "--cases", fixture("fail.yaml"), "--header", `X-Gateway-Token: ${token}`, "--header", "X-Team:  ml-platform ", "--report", `json=${report}`]);
      expect(r.status).toBe(1);
      expect(server.requests.length).toBeGreaterThan(2);
      for (const q of server.requests) expect(q.headers).toMatchObject({ "x-gateway-token": token, "x-team": "ml-platform" });
      const written = readFileSync(report, "utf8");
      expect(written).toContain("x-team: ml-platform");
      expect(written).toContain("x-gateway-token: [REDACTED]");
      for (const text of [r.stdout, r.stderr, written]) expect(text).not.toContain(token.slice(3, 12));
    } finally {
      await server.close();
    }
  });

  it("refuses what is not 'Name: value', Authorization (use --api-key) and headers the client sets itself, with exit 2", () => {
    for (const [arg, message] of [["no-colon", /--header expects 'Name: value'/], ["Authorization: Bearer x", /give the key with --api-key/], ["Host: evil", /set by the HTTP client itself/]] as const) {
      const r = runCli(["conformance", "--cases", fixture("pass.yaml"), "--header", arg]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("looksSecret: by name, by scheme or key prefix, by a long run of letters and digits; not ordinary values", () => {
    expect(looksSecret("x-api-key", "abc")).toBe(true);
    expect(looksSecret("cookie", "a=b")).toBe(true);
    expect(looksSecret("x-forwarded-auth", "Bearer xyz")).toBe(true);
    expect(looksSecret("x-custom", "sk-proj-abcdefgh12345678")).toBe(true);
    expect(looksSecret("x-custom", "Zk39XqLm2Pw8Rt5Vb7NcQ1")).toBe(true);
    expect(looksSecret("x-team", "ml-platform")).toBe(false);
    expect(looksSecret("openai-organization-id", "org 42")).toBe(false);
    expect(looksSecret("x-request-source", "nightly-ci")).toBe(false);
    expect(parseHeaderOptions(["X-A: 1", "x-b:two words "], looksSecret)).toEqual({ headers: { "x-a": "1", "x-b": "two words" }, secrets: [] });
  });
});

describe("failure messages", () => {
  it("spell out a check's arguments: the expected value, never the argument's name", () => {
    const r = runCli(["conformance", "--server-fault", "CHAT-014", "--filter", "stream-length-finish", "--profile", "core,streaming", "--progress", "none"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Each choice that reached the token limit 3 has finish_reason length");
    expect(r.stdout).toMatch(/expected: length\n\s+got: +"stop"/);
    expect(r.stdout).not.toMatch(/`(in|pattern|limit|step)`/);
  });
});

describe("badges and report paths", () => {
  it("badge and badge-json, one per profile with {profile}; every SVG well-formed and at most 200 px wide", () => {
    const out = join(dir, "badges");
    const r = runCli(["conformance", "--cases", fixture("fail.yaml"), "--profile", "core,streaming", "--report", `badge=${out}/lis.svg,badge=${out}/lis-{profile}.svg,badge-json=${out}/lis-{profile}.json`]);
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(["lis-core.json", "lis-core.svg", "lis-streaming.json", "lis-streaming.svg", "lis.svg"]);
    for (const f of ["lis.svg", "lis-core.svg", "lis-streaming.svg"]) {
      const svg = readFileSync(join(out, f), "utf8");
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(Number(/width="(\d+)"/.exec(svg)![1])).toBeLessThanOrEqual(200);
    }
    expect(readFileSync(join(out, "lis.svg"), "utf8")).toMatch(/aria-label="LIS 1\.0: core failing"/);
    expect(JSON.parse(readFileSync(join(out, "lis-streaming.json"), "utf8"))).toEqual({ schemaVersion: 1, label: "LIS 1.0 streaming", message: "incomplete", color: "yellow" });
    expect(runCli(["conformance", "--report", "json=r-{profile}.json"]).stderr).toMatch(/\{profile\} in the path is for badge and badge-json/);
  });

  it("an unwritable report path is a usage error before anything is sent, said in words", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const server = await startFake((_req, res) => json(res, 200, { object: "list", data: [] }));
    try {
      const r = await runCliAsync(["conformance", "--base-url", server.url, "--model", "m", "--cases", fixture("pass.yaml"), "--report", `json=${file}/r.json`]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`lis: cannot write the json report ${file}/r.json: a part of the path is a file, not a folder (EEXIST); choose a path in a folder you can write to\n`);
      expect(r.stdout).toBe("");
      expect(server.requests).toHaveLength(0);
      const folder = runCli(["conformance", "--cases", fixture("pass.yaml"), "--write-baseline", dir]);
      expect(folder.stderr).toMatch(/cannot write the baseline .*: it is a folder \(EISDIR\)/);
      expect(folder.status).toBe(2);
    } finally {
      await server.close();
    }
  });
});
