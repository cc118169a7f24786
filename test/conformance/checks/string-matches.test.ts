import { describe, expect, it } from "vitest";
import { stringMatches } from "../../../tools/conformance/checks/string-matches.js";
import { context } from "./suite-check-context.js";

describe("stringMatches", () => {
  const ctx = context({ body: {} });
  it("passes when the value matches and fails when it does not", () => {
    expect(stringMatches.run({ value: "meta-llama/Llama-3.1-8B", pattern: "[/:]" }, ctx).passed).toBe(true);
    const plain = stringMatches.run({ value: "lis-tiny", pattern: "[/:]" }, ctx);
    expect(plain.passed).toBe(false);
    expect(plain.got).toBe('"lis-tiny"');
  });

  it("reports a bad pattern instead of throwing", () => {
    expect(stringMatches.run({ value: "x", pattern: "(" }, ctx).message).toMatch(/bad pattern/);
  });
});
