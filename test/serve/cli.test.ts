import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { FAULTS } from "../../tools/serve/faults/index.js";
import { startCli } from "./support.js";
import { VARIANTS } from "../../tools/serve/variants/index.js";

describe("lis serve (subprocess)", () => {
  it("prints its URL, serves, and shuts down cleanly on SIGTERM while a stream is in flight", async () => {
    const p = startCli(["--port", "0"]);
    const url = await p.url;
    const models = await (await fetch(`${url}/models`)).json();
    expect(models.data[0].id).toBe("lis-tiny");
    const res = await fetch(`${url}/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ model: "lis-tiny", messages: [{ role: "user", content: "x" }], stream: true, n: 16, max_tokens: 2000, logprobs: true, top_logprobs: 20 }),
    });
    expect(res.status).toBe(200);
    p.child.kill("SIGTERM");
    const text = await res.text(); // the in-flight stream still ends with its terminator
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(await p.exited).toBe(0);
    expect(p.output().stderr).toMatch(/SIGTERM, shutting down/);
  });

  it("lists the faults, one `ID<TAB>description` per line", () => {
    const r = runCli(["serve", "--list-faults"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(FAULTS.length);
    for (const line of lines) expect(line).toMatch(/^[A-Z]+-\d{3}\t\S.*$/);
  });

  it("lists the variants, each `name<TAB>description` with the spec text that allows it", () => {
    const r = runCli(["serve", "--list-variants"]);
    expect(r.status).toBe(0);
    const heads = r.stdout.split("\n").filter((l) => /^[a-z]/.test(l));
    expect(heads).toHaveLength(VARIANTS.length);
    for (const line of heads) expect(line).toMatch(/^[a-z0-9-]+\t\S.*$/);
    expect(r.stdout).toMatch(/^sse-crlf\t.*\n {2}allowed by STREAM-002: "[^"]+"\n {2}departs from STREAM-022: /m);
  });

  it("--variant changes the wire as listed, and says so at start", async () => {
    const p = startCli(["--port", "0", "--variant", "sse-crlf", "--variant", "header-name-case"]);
    const url = await p.url;
    expect(p.output().stdout).toMatch(/\(variants: sse-crlf, header-name-case\)/);
    const res = await fetch(`${url}/chat/completions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ model: "lis-tiny", messages: [{ role: "user", content: "x" }], max_tokens: 3, stream: true }) });
    expect(await res.text()).toMatch(/^data: .*\r\n\r\n/);
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  });

  it("--spec 1.0 serves as a pure 1.0 server: LIS-Version 1.0, no reasoning_effort", async () => {
    const p = startCli(["--port", "0", "--spec", "1.0"]);
    const url = await p.url;
    const res = await fetch(`${url}/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "LIS-Version": "1.1" },
      body: JSON.stringify({ model: "lis-tiny", messages: [{ role: "user", content: "x" }], reasoning_effort: "low" }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("lis-version")).toBe("1.0");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unknown_parameter");
    expect(((await (await fetch(`${url}/.well-known/lis`)).json()) as { lis_versions: string[] }).lis_versions).toEqual(["1.0"]);
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  });

  it("answers bad options with a usage error (exit 2), not a stack trace", () => {
    for (const args of [["--port", "abc"], ["--spec", "2.0", "--port", "0"], ["--fault", "NOPE-999", "--port", "0"], ["--variant", "no-such", "--port", "0"], ["--models", "/nonexistent.yaml", "--port", "0"]]) {
      const r = runCli(["serve", ...args], { timeout: 20_000 });
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^lis: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
