import { describe, expect, it } from "vitest";
import { sameValuesAsStep } from "../../../tools/conformance/checks/same-values-as-step.js";
import { context } from "./suite-check-context.js";

const list = { list: { body: { object: "list", data: [{ id: "a" }, { id: "b" }] } } };
const run = (models: string[]) => sameValuesAsStep.run({ path: "$.models[*]", step: "list", stepPath: "$.data[*].id" }, context({ body: { models } }, list));

describe("sameValuesAsStep", () => {
  it("passes the same set in any order", () => {
    expect(run(["b", "a"]).passed).toBe(true);
  });

  it("fails an extra value and a missing value, saying which", () => {
    expect(run(["a", "b", "c"]).got).toMatch(/extra \["c"\]/);
    expect(run(["a"]).got).toMatch(/missing \["b"\]/);
  });

  it("fails when the step is missing", () => {
    expect(sameValuesAsStep.run({ path: "$.models[*]", step: "nope", stepPath: "$.data[*].id" }, context({ body: { models: [] } })).passed).toBe(false);
  });
});
