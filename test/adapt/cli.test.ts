import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { ROOT } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

/** `lis adapt` as a user runs it: a subprocess, until it says where it listens; then stopped with SIGTERM. */
function startCli(args: string[], env: Record<string, string> = {}): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(ROOT, "dist", "tools", "cli.js"), "adapt", ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lis adapt did not start: ${output}`)), 60_000);
    child.stdout.on("data", () => {
      const m = /listening on (http:\/\/\S+\/v1)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: m[1], output: () => output, stop: () => (child.kill("SIGTERM"), exited) });
    });
    exited.then((code) => reject(new Error(`lis adapt exited (${code}): ${output}`)));
  });
}

describe("lis adapt (subprocess)", () => {
  let upstream: RunningServer;
  beforeAll(async () => {
    upstream = await startServer({ port: 0, apiKey: "sk-upstream-secret-key" });
  });
  afterAll(() => upstream.close());

  it("--help says what it does, its options and exit codes", () => {
    const r = runCli(["adapt", "--help"]);
    expect(r.status).toBe(0);
    for (const s of ["--upstream", "--dialect", "--api-key", "--upstream-key", "--forward-key", "--profile", "--embeddings-upstream", "Exit codes"]) expect(r.stdout).toContain(s);
  });

  it("--list-dialects and --explain read the dialect files", () => {
    const list = runCli(["adapt", "--list-dialects"]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^llama\.cpp\t.*\tmeasured 20\d\d-\d\d-\d\d/m);
    expect(list.stdout).toMatch(/^vllm\t.*documented, not measured/m);
    const explain = runCli(["adapt", "--dialect", "llama.cpp", "--explain"]);
    expect(explain.status).toBe(0);
    expect(explain.stdout).toMatch(/CHAT-012\s+rename-member\s+This build ignores max_completion_tokens/);
  });

  it.each([
    [["--dialect", "openai"], /--upstream is required/],
    [["--upstream", "ftp://x/v1"], /--upstream must be http/],
    [["--upstream", "http://127.0.0.1:9/v1", "--dialect", "sglang"], /unknown dialect 'sglang'/],
    [["--upstream", "http://127.0.0.1:9/v1", "--port", "99999"], /--port must be an integer/],
  ])("a usage error exits 2 with a message, no stack: %j", (args, message) => {
    const r = runCli(["adapt", ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a broken dialect file exits 2 naming the file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "lis-adapt-cli-")), "mine.yaml");
    writeFileSync(file, "name: mine\ntitle: x\nsource: { kind: generic }\nrules: [{ clause: CHAT-012, repair: nope }]\n");
    const r = runCli(["adapt", "--upstream", "http://127.0.0.1:9/v1", "--dialect", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(file);
  });

  it("--dialect auto with no upstream to recognise exits 3", () => {
    const r = runCli(["adapt", "--upstream", "http://127.0.0.1:9/v1"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/--dialect auto needs an answer/);
  });

  it("serves the LIS API in front of an upstream, keys never printed, and stops on SIGTERM", async () => {
    const proxy = await startCli(["--upstream", upstream.url, "--port", "0", "--api-key", "sk-client-secret-key"], { LIS_UPSTREAM_KEY: "sk-upstream-secret-key" });
    try {
      const r = await fetch(`${proxy.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer sk-client-secret-key" },
        body: JSON.stringify({ model: "lis-tiny", messages: [{ role: "user", content: "Hello" }], max_tokens: 4 }),
      });
      expect(r.status).toBe(200);
      expect((await r.json()).object).toBe("chat.completion");
      const d = await (await fetch(`${proxy.url}/.well-known/lis`, { headers: { authorization: "Bearer sk-client-secret-key" } })).json();
      expect(d).toMatchObject({ object: "lis.discovery", models: ["lis-tiny"] });
    } finally {
      expect(await proxy.stop()).toBe(0);
    }
    expect(proxy.output()).toMatch(/dialect openai \(--dialect auto found no known server/);
    expect(proxy.output()).not.toMatch(/secret/);
  });
});
