import { describe, expect, it } from "vitest";
import { loadSuite } from "../../tools/conformance/conformance.js";
import { SPEC_VERSIONS } from "../../tools/util/paths.js";

// Issue 12: every request a case sends is the ordinary form that real clients send, except where the
// unusual form is what the case tests. Otherwise an unrelated refusal (llama-server answers a tool without
// a description with 500) fails clauses the case is not about, and what they are about is never tested.
// The exceptions are listed here, each with the clause that makes the unusual form the subject.
const UNUSUAL: { case: string; step?: string; missing: "description" | "parameters"; why: string }[] = [
  { case: "tools-declarations-accepted", step: "no-description", missing: "description", why: "TOOL-001: description is optional" },
  { case: "tools-declarations-accepted", step: "no-parameters", missing: "parameters", why: "TOOL-001: parameters is optional" },
  { case: "tools-declarations-accepted", step: "name-only", missing: "description", why: "TOOL-001: a tool may be a name alone" },
  { case: "tools-declarations-accepted", step: "name-only", missing: "parameters", why: "TOOL-001: a tool may be a name alone" },
  { case: "tools-absent-parameters", missing: "parameters", why: "TOOL-003: an absent parameters is an empty object" },
  { case: "tools-invalid-declarations", missing: "description", why: "TOOL-001: rejected declarations" },
  { case: "tools-invalid-declarations", missing: "parameters", why: "TOOL-001: rejected declarations" },
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

describe.each(SPEC_VERSIONS)("requests of the %s suite are typical unless the unusual form is the subject", (version) => {
  const suite = loadSuite({ spec: version });

  it("every tool declared in a request has a description and parameters", () => {
    const atypical: string[] = [];
    let tools = 0;
    for (const c of suite.cases) {
      for (const step of c.steps) {
        const body = step.request.body;
        if (!isObject(body) || !Array.isArray(body.tools)) continue;
        for (const [i, tool] of body.tools.entries()) {
          tools++;
          const fn = isObject(tool) && isObject(tool.function) ? tool.function : {};
          for (const member of ["description", "parameters"] as const) {
            if (fn[member] !== undefined) continue;
            const allowed = UNUSUAL.some((u) => u.case === c.id && (u.step === undefined || u.step === step.name) && u.missing === member);
            if (!allowed) atypical.push(`${c.source.file}:${c.source.line} ${c.id} step ${step.name}: tools[${i}] has no ${member}`);
          }
        }
      }
    }
    expect(tools).toBeGreaterThan(20);
    expect(atypical).toEqual([]);
  });

  it("every listed exception is still used (a stale entry would hide a new atypical request)", () => {
    const stale = UNUSUAL.filter((u) => {
      const c = suite.cases.find((x) => x.id === u.case);
      const steps = c?.steps.filter((s) => u.step === undefined || s.name === u.step) ?? [];
      return !steps.some((s) => {
        const body = s.request.body;
        return isObject(body) && Array.isArray(body.tools) && body.tools.some((t) => isObject(t) && isObject(t.function) && t.function[u.missing] === undefined);
      });
    });
    expect(stale).toEqual([]);
  });
});
