import { describe, expect, it } from "vitest";
import { loadSuite } from "../../tools/conformance/conformance.js";
import { checkRegistry } from "../../tools/conformance/checks/index.js";
import { isOperandRef } from "../../tools/conformance/load.js";
import { SPEC_VERSIONS } from "../../tools/util/paths.js";

// Issue 12: no verdict may depend on the server producing the same text twice unless the run has shown that
// it does. Every place where a case compares one response with another is listed here: either it assumes
// a run fact (conformance/README.md#comparisons-of-two-responses), or it compares something that does not
// depend on sampling, and this list says why. A new comparison fails this test until it is classified.
const NOT_OUTPUT: Record<string, string> = {
  "chat-id-unique $.id": "ids of two completions must differ whatever was generated",
  "ft-job-finishes-and-stays-finished $.finished_at": "a finished job's finished_at is server state, not generated text",
  "mm-image-counts-prompt-tokens $.usage.prompt_tokens": "prompt tokens count the request, not the answer",
  "reason-history-not-in-prompt $.usage.prompt_tokens": "prompt tokens count the request, not the answer",
  "cls-deterministic $.data": "CLS-009 is the reproducibility of classification itself: the comparison is what it judges",
  "chat-system-fingerprint-stable $.system_fingerprint": "the fingerprint names the server's configuration, not generated text (CHAT-048)",
  "chat-stream-system-fingerprint-stable $[*].system_fingerprint": "the fingerprint names the server's configuration, not generated text (CHAT-048)",
  "cls-fixed-labels-results $.data": "CLS-009 is the reproducibility of classification itself: the comparison is what it judges",
};
/** Checks that read another step but compare no generated output (model lists, ids, lineage, a model's dimensions). */
const NOT_OUTPUT_CHECKS = new Set(["valueAmong", "sameValuesAsStep", "matchesListEntry", "embeddingDimensions"]);

describe.each(SPEC_VERSIONS)("every comparison of two responses in the %s suite is accounted for", (version) => {
  const suite = loadSuite({ spec: version });

  it("comparative checks assume a run fact, unless their case establishes one", () => {
    const found: string[] = [];
    for (const c of suite.cases) {
      for (const step of c.steps) {
        for (const call of step.expect?.checks ?? []) {
          const readsStep = Object.keys(call.args ?? {}).some((k) => /(^s|S)teps?$/.test(k)) || Object.values(call.args ?? {}).some((v) => isOperandRef(v) && v.step !== undefined);
          if (!readsStep) continue;
          const def = checkRegistry.get(call.name)!;
          if (def.comparative) {
            if (call.assumes === undefined && !c.establishes) found.push(`${c.id} ${step.name}: ${call.name} compares without assuming a fact`);
          } else if (!NOT_OUTPUT_CHECKS.has(call.name)) {
            found.push(`${c.id} ${step.name}: ${call.name} reads another step but is neither comparative nor known to compare no generated output`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("assertions that compare with another step assume a fact or compare no generated output", () => {
    const found: string[] = [];
    const used = new Set<string>();
    for (const c of suite.cases) {
      for (const step of c.steps) {
        for (const a of step.expect?.assert ?? []) {
          const crossStep = Object.values(a).some((v) => isOperandRef(v) && v.step !== undefined);
          if (!crossStep || a.assumes !== undefined) continue;
          const key = `${c.id} ${a.path ?? a.header}`;
          if (NOT_OUTPUT[key]) used.add(key);
          else found.push(`${key} (${c.source.file}:${c.source.line}): compares with another step; add assumes, or list it here with the reason it depends on no generated output`);
        }
      }
    }
    expect(found).toEqual([]);
    if (version === SPEC_VERSIONS[SPEC_VERSIONS.length - 1]) expect(Object.keys(NOT_OUTPUT).filter((k) => !used.has(k)), "stale entries").toEqual([]);
  });

  it("the facts the suite assumes are each established by one case that runs first", () => {
    const established = suite.cases.filter((c) => c.establishes).map((c) => c.establishes);
    expect(new Set(established).size).toBe(established.length);
    expect(established).toEqual(expect.arrayContaining(["reproducible-seeded-chat", "reproducible-greedy-chat", "reproducible-embeddings"]));
  });
});
