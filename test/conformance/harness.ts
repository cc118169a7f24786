/** Builds cases from inline YAML and runs them with a config that needs no spec, schemas or server of ours. */
import type { Case } from "../../tools/conformance/model.js";
import { parseCaseFile, type CaseFileProblem } from "../../tools/conformance/load.js";
import { checkRegistry } from "../../tools/conformance/checks/index.js";
import type { RunConfig } from "../../tools/conformance/runner.js";
import type { Validator } from "../../tools/conformance/checks/types.js";

export function casesFrom(yaml: string): Case[] {
  const problems: CaseFileProblem[] = [];
  const cases = parseCaseFile("inline.yaml", yaml, { checks: checkRegistry }, problems);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  return cases;
}

/** A validator that accepts objects that have every member named in `required`. */
export const requiresMembers = (...required: string[]): Validator => (doc) => {
  const missing = required.filter((m) => typeof doc !== "object" || doc === null || !(m in doc));
  return { valid: missing.length === 0, errors: missing.map((m) => ({ pointer: "", message: `must have required property '${m}'` })) };
};

export function config(baseUrl: string, overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    baseUrl,
    model: "m1",
    embeddingModel: "m1",
    profiles: ["core", "streaming"],
    concurrency: 4,
    timeoutMs: 2000,
    deadlineMs: 30_000,
    maxBodyBytes: 64 * 1024,
    getValidator: (name) => {
      if (name === "error") return requiresMembers("error");
      if (name === "model-list") return requiresMembers("object", "data");
      throw new Error(`no schema ${name}`);
    },
    checks: checkRegistry,
    responseSchemas: [
      { match: { status: ["4xx", "5xx"] }, schema: "error", clause: "ERR-002" },
      { match: { method: "GET", path: "/models", status: "2xx" }, schema: "model-list", clause: "MODEL-001" },
    ],
    ...overrides,
  };
}
