import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dialectNames, loadDialect } from "../../tools/adapt/dialect.js";
import { allRules } from "../../tools/adapt/rules/index.js";
import { loadClauses } from "../../tools/clauses/registry.js";
import { LisError } from "../../tools/util/errors.js";

const clauses = new Set(loadClauses("1.1").filter((c) => !c.withdrawn).map((c) => c.id));
const profiles = new Set(loadClauses("1.1").map((c) => c.profile));

describe("the shipped dialects (tools/adapt/dialects)", () => {
  const dialects = dialectNames().map((n) => loadDialect(n));

  it("are the generic one and one per server the issue names", () => {
    expect(dialectNames()).toEqual(["llama.cpp", "ollama", "openai", "tgi", "vllm"]);
  });

  it.each(dialectNames())("%s: every rule names a live clause, and every profile is one of the spec's", (name) => {
    const d = loadDialect(name);
    for (const r of d.rules) for (const id of [r.clause, ...(r.also ?? [])]) expect(clauses.has(id), `${name}: ${r.repair} names ${id}`).toBe(true);
    for (const p of d.profiles) expect(profiles.has(p), `${name}: profile ${p}`).toBe(true);
  });

  it("say where their knowledge comes from: llama.cpp measured (with date and version), vLLM, Ollama and TGI documented with references", () => {
    const by = Object.fromEntries(dialects.map((d) => [d.name, d.source]));
    expect(by["llama.cpp"]).toMatchObject({ kind: "measured", date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), server: expect.stringContaining("c392e50") });
    for (const name of ["vllm", "ollama", "tgi"]) {
      expect(by[name].kind, name).toBe("documented");
      expect(by[name].references?.length, name).toBeGreaterThan(0);
    }
    expect(by.openai.kind).toBe("generic");
  });

  it("every repair keyword is used by some dialect (no dead keyword) and says what it does", () => {
    const used = new Set(dialects.flatMap((d) => d.rules.map((r) => r.repair)));
    for (const r of allRules) {
      expect(used.has(r.keyword), r.keyword).toBe(true);
      expect(r.description.length, r.keyword).toBeGreaterThan(10);
    }
  });

  it("a server dialect does not apply an inherited rule twice", () => {
    for (const d of dialects) {
      const keys = d.rules.map((r) => `${r.repair} ${JSON.stringify(r.with ?? {})}`);
      expect(new Set(keys).size, d.name).toBe(keys.length);
    }
  });
});

describe("a dialect file of one's own", () => {
  const dir = mkdtempSync(join(tmpdir(), "lis-dialect-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const base = "name: mine\ntitle: My server\nsource: { kind: documented }\n";

  it("loads by path and extends a shipped dialect", () => {
    const d = loadDialect(file("ok.yaml", `${base}extends: openai\nrules:\n  - { clause: CHAT-012, repair: rename-member, with: { from: max_completion_tokens, to: max_tokens } }\n`));
    expect(d.rules.at(-1)).toMatchObject({ repair: "rename-member" });
    expect(d.rules.length).toBe(loadDialect("openai").rules.length + 1);
  });

  it.each([
    ["not YAML", "name: [", /not valid YAML/],
    ["an unknown keyword", `${base}rules: [{ clause: CHAT-012, repair: make-it-work }]`, /unknown repair 'make-it-work'; known: /],
    ["bad arguments", `${base}rules: [{ clause: CHAT-012, repair: rename-member, with: { from: 1 } }]`, /'with' of rename-member/],
    ["arguments a keyword does not take", `${base}rules: [{ clause: CHAT-012, repair: role-first, with: { x: 1 } }]`, /takes no arguments/],
    ["a missing member", "name: mine\nrules: []", /must have required property/],
  ])("%s is a usage error that names the file", (_what, text, message) => {
    const path = file("bad.yaml", text);
    expect(() => loadDialect(path)).toThrow(LisError);
    expect(() => loadDialect(path)).toThrow(message);
    expect(() => loadDialect(path)).toThrow(path);
  });

  it("an unknown name lists the known ones", () => {
    expect(() => loadDialect("sglang")).toThrow(/unknown dialect 'sglang'; known: llama\.cpp, ollama, openai, tgi, vllm, auto/);
  });
});
