import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, beforeAll } from "vitest";
import { parse } from "yaml";
import { lintFiles } from "../../tools/lint/lint.js";
import type { Finding } from "../../tools/lint/findings.js";
import { LIS_RULESET_PATH } from "../../tools/lint/ruleset.js";
import { loadClauses } from "../../tools/clauses/registry.js";

const fixtures = join(import.meta.dirname, "fixtures");
const ruleset = parse(readFileSync(LIS_RULESET_PATH, "utf8")) as { rules: Record<string, Record<string, unknown>> };
const lisRules = Object.keys(ruleset.rules).filter((name) => name.startsWith("lis-"));

/** Where each failing fixture's finding must point: a JSON path prefix and the text on the reported line. */
const expected: Record<string, { path: string; lineText: string }> = {
  "lis-version-format": { path: "info.x-lis-version", lineText: 'x-lis-version: "v1"' },
  "lis-version-known": { path: "info.x-lis-version", lineText: 'x-lis-version: "2.0"' },
  "lis-info-version": { path: "info.version", lineText: "version: latest" },
  "lis-profiles-known": { path: "x-lis-profiles.2", lineText: "embedding]" },
  "lis-profiles-include-core": { path: "x-lis-profiles", lineText: "x-lis-profiles: [streaming" },
  "lis-profile-endpoints": { path: "paths", lineText: "paths:" },
  "lis-chat-request-fields": { path: "paths./chat/completions.post.requestBody.content.application/json.schema.properties.messages", lineText: "messages: { type: string }" },
  "lis-embeddings-request-fields": { path: "paths./embeddings.post.requestBody.content.application/json.schema", lineText: "schema:" },
  "lis-model-list-response": { path: "paths./models.get.responses.200.content.application/json.schema.properties.data", lineText: "data:" },
  "lis-model-response": { path: "components.schemas.Model.properties.created", lineText: "created: { type: string" },
  "lis-chat-response": { path: "paths./chat/completions.post.responses.200.content.application/json.schema.properties.choices", lineText: "choices:" },
  "lis-embeddings-response": { path: "paths./embeddings.post.responses.200.content.application/json.schema.properties.usage", lineText: "usage: { type: integer }" },
  "lis-error-json": { path: "paths./models.get.responses.429", lineText: '"429"' },
  "lis-error-envelope": { path: "components.schemas.ErrorEnvelope.properties.error.properties.param", lineText: "param:" },
  "lis-no-422": { path: "paths./embeddings.post.responses.422", lineText: '"422"' },
  "lis-error-code-status": { path: "paths./chat/completions.post.responses.400.content.application/json.example.error.code", lineText: "code: model_not_found" },
  "lis-stream-event-stream": { path: "paths./chat/completions.post.responses.200", lineText: '"200"' },
  "lis-bearer-security": { path: "security", lineText: "security:" },
  "lis-security-declared": { path: "", lineText: "openapi: 3.1.0" },
};

describe("LIS rules: each has a failing fixture that it flags and a clean fixture that it passes", () => {
  let clean: Finding[];
  beforeAll(async () => {
    clean = (await lintFiles([join(fixtures, "clean.yaml")])).findings;
  });

  it("the clean fixture has no findings at all (LIS rules and spectral:oas)", () => {
    expect(clean).toEqual([]);
  });

  it("every LIS rule of the ruleset has a failing fixture and an expectation", () => {
    const files = readdirSync(join(fixtures, "rules")).map((f) => f.replace(/\.yaml$/, ""));
    expect(files.sort()).toEqual([...lisRules].sort());
    expect(Object.keys(expected).sort()).toEqual([...lisRules].sort());
  });

  for (const rule of lisRules) {
    it(`${rule}: flags its fixture with rule, clause, JSON path and line`, async () => {
      const file = join(fixtures, "rules", `${rule}.yaml`);
      const findings = (await lintFiles([file])).findings.filter((f) => f.rule === rule);
      expect(findings.length).toBeGreaterThan(0);
      const finding = findings[0]!;
      const clause = ruleset.rules[rule]!["x-lis-clause"];
      expect(finding.clause).toBe(clause);
      if (clause) expect(finding.message).toContain(String(clause));
      expect(finding.path.join(".")).toBe(expected[rule]!.path);
      const lines = readFileSync(file, "utf8").split("\n");
      expect(lines[finding.line - 1]).toContain(expected[rule]!.lineText);
      expect(clean.filter((f) => f.rule === rule)).toEqual([]);
    });
  }
});

describe("rule → clause mapping", () => {
  it("every x-lis-clause names a clause of the 1.0 spec, of the profile the rule is about", () => {
    const clauses = new Map(loadClauses("1.0").map((c) => [c.id, c]));
    const mapped = lisRules.map((rule) => ruleset.rules[rule]!["x-lis-clause"]).filter((c): c is string => typeof c === "string");
    expect(mapped.length).toBeGreaterThan(8);
    for (const id of mapped) {
      expect(clauses.has(id), `${id} is not in spec/1.0`).toBe(true);
      expect(clauses.get(id)!.withdrawn).toBe(false);
    }
  });

  it("rules without a clause are design rules that say so in their description", () => {
    for (const rule of lisRules) {
      const definition = ruleset.rules[rule]!;
      expect(typeof definition.description, rule).toBe("string");
      expect(String(definition.description).length).toBeGreaterThan(20);
    }
  });
});
