import { describe, expect, it } from "vitest";
import { valueAmong } from "../../../tools/conformance/checks/value-among.js";
import { context } from "./suite-check-context.js";

const list = { object: "list", data: [{ id: "a" }, { id: "b/c" }] };

describe("valueAmong", () => {
  it("finds a literal value among this response's values", () => {
    expect(valueAmong.run({ value: "b/c", among: { path: "$.data[*].id" } }, context({ body: list })).passed).toBe(true);
    const missing = valueAmong.run({ value: "z", among: { path: "$.data[*].id" } }, context({ body: list }));
    expect(missing.passed).toBe(false);
    expect(missing.got).toBe('"z"');
  });

  it("takes the value from a path and the candidates from an earlier step or `also`", () => {
    const chat = context({ body: { model: "b/c" } }, { list: { body: list } });
    expect(valueAmong.run({ path: "$.model", among: { step: "list", path: "$.data[*].id" } }, chat).passed).toBe(true);
    const alias = context({ body: { model: "alias" } }, { list: { body: list } });
    expect(valueAmong.run({ path: "$.model", among: { step: "list", path: "$.data[*].id" } }, alias).passed).toBe(false);
    expect(valueAmong.run({ path: "$.model", among: { step: "list", path: "$.data[*].id" }, also: ["alias"] }, alias).passed).toBe(true);
  });

  it("fails when the path matches nothing or the step is missing", () => {
    expect(valueAmong.run({ path: "$.model", among: { path: "$.data[*].id" } }, context({ body: list })).passed).toBe(false);
    expect(valueAmong.run({ value: "a", among: { step: "nope", path: "$.data[*].id" } }, context({ body: list })).passed).toBe(false);
  });
});
