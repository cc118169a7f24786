import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LIS_RULESET_PATH } from "../../tools/lint/ruleset.js";
import { PROFILES, loadClauses } from "../../tools/clauses/registry.js";
import { SPEC_VERSIONS } from "../../tools/util/paths.js";

/** The profiles a server (and so an API definition) can claim: performance binds benchmark tools, not servers. */
const CLAUSE_PROFILES = PROFILES.filter((p) => loadClauses(SPEC_VERSIONS[SPEC_VERSIONS.length - 1]).some((c) => c.profile === p && c.testable));
import { PROFILES as FUNCTION_PROFILES } from "../../rulesets/functions/lib/profiles.js";
import { schemaDir } from "../../tools/util/paths.js";
import { endpointsOfProfile, loadEndpoints } from "../../tools/registries/endpoints.js";
import { loadErrorCodes } from "../../tools/registries/error-codes.js";

// The member lists in rulesets/lis.yaml are data copied from the 1.0 JSON Schemas; this keeps them in step.
const ruleset = parse(readFileSync(LIS_RULESET_PATH, "utf8")) as {
  rules: Record<string, { then: { functionOptions: { mode: string; fields: Record<string, string | string[] | null>; endpoints?: Record<string, string[]>; schema?: { items?: { enum?: string[] } } } } }>;
};

const responseRules: Record<string, string> = {
  "lis-model-list-response": "model-list",
  "lis-model-response": "model",
  "lis-chat-response": "chat-completion",
  "lis-embeddings-response": "embedding-list",
};
const requestRules: Record<string, string> = {
  "lis-chat-request-fields": "chat-completion-request",
  "lis-embeddings-request-fields": "embedding-request",
};

type Schema = { required?: string[]; properties?: Record<string, Schema>; type?: string | string[]; const?: unknown; oneOf?: Schema[]; anyOf?: Schema[]; $ref?: string };

function typesOf(schema: Schema | undefined): string[] | null {
  if (!schema) return null;
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type;
  if ("const" in schema) return [typeof schema.const];
  return null;
}

describe("LIS rule data matches the 1.0 JSON Schemas", () => {
  for (const [rule, name] of Object.entries({ ...responseRules, ...requestRules })) {
    const file = join(schemaDir("1.0"), `${name}.schema.json`);
    it.skipIf(!existsSync(file))(`${rule} lists exactly the required members of ${name}.schema.json, with its types`, () => {
      const schema = JSON.parse(readFileSync(file, "utf8")) as Schema;
      const fields = ruleset.rules[rule]!.then.functionOptions.fields;
      expect(Object.keys(fields).sort()).toEqual([...(schema.required ?? [])].sort());
      for (const [field, wanted] of Object.entries(fields)) {
        const declared = typesOf(schema.properties?.[field]);
        if (declared === null || wanted === null) continue;
        const wantedTypes = Array.isArray(wanted) ? wanted : [wanted];
        expect(declared.some((t) => wantedTypes.includes(t)), `${field}: schema ${declared} vs rule ${wantedTypes}`).toBe(true);
      }
    });
  }

  it("lis-error-envelope lists the members error.schema.json requires", () => {
    const schema = JSON.parse(readFileSync(join(schemaDir("1.0"), "error.schema.json"), "utf8")) as Schema;
    const fields = ruleset.rules["lis-error-envelope"]!.then.functionOptions.fields;
    expect(Object.keys(fields).filter((f) => !f.includes("."))).toEqual(schema.required);
    const inner = schema.properties!.error!;
    const innerRequired = inner.required ?? [];
    expect(Object.keys(fields).filter((f) => f.startsWith("error.")).map((f) => f.slice(6)).sort()).toEqual([...innerRequired].sort());
  });
});

// The profile names in rulesets/lis.yaml and rulesets/functions are data copied from the spec's profile list.
describe("LIS rule profiles match the 1.0 profiles of the spec", () => {
  it("lis-profiles-known accepts exactly the profiles the clause registry knows", () => {
    expect(ruleset.rules["lis-profiles-known"]!.then.functionOptions.schema?.items?.enum).toEqual([...CLAUSE_PROFILES]);
    expect(FUNCTION_PROFILES).toEqual([...CLAUSE_PROFILES]);
  });
  it("lis-profile-endpoints lists, per profile, the endpoints that the spec's endpoint registry gives it", () => {
    const endpoints = ruleset.rules["lis-profile-endpoints"]!.then.functionOptions.endpoints!;
    expect(Object.keys(endpoints).sort()).toEqual([...CLAUSE_PROFILES].sort());
    const registry = loadEndpoints("1.1");
    for (const profile of CLAUSE_PROFILES) {
      expect(endpoints[profile], profile).toEqual(endpointsOfProfile(registry, profile).map((e) => `${e.method} ${e.path}`));
    }
    expect(endpoints["fine-tuning"]).toContain("POST /fine_tuning/jobs/{job}/cancel");
  });
  it("lis-error-code-status gives each code the statuses of the spec's error-code registry", () => {
    const codes = (ruleset.rules["lis-error-code-status"]!.then.functionOptions as unknown as { codes: Record<string, number[]> }).codes;
    expect(codes).toEqual(Object.fromEntries(loadErrorCodes("1.1").map((c) => [c.code, c.statuses])));
  });
});
