import { describe, expect, it } from "vitest";
import { rawBodyMatches } from "../../../tools/conformance/checks/raw-body-matches.js";
import { context } from "./suite-check-context.js";

describe("rawBodyMatches", () => {
  const lf = context({ events: [{ id: "c" }] });
  const crlf = context({ events: [{ id: "c" }], bodyText: 'data: {"id":"c"}\r\n\r\ndata: [DONE]\r\n\r\n' });

  it("with absent: true, passes a body without a match and fails one with it", () => {
    expect(rawBodyMatches.run({ pattern: "\r", absent: true }, lf).passed).toBe(true);
    const r = rawBodyMatches.run({ pattern: "\r", absent: true }, crlf);
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/offset 16/);
  });

  it("without absent, requires a match", () => {
    expect(rawBodyMatches.run({ pattern: "^data: " }, lf).passed).toBe(true);
    expect(rawBodyMatches.run({ pattern: "^event: " }, lf).passed).toBe(false);
  });
});
