import { describe, expect, it } from "vitest";
import { streamEndsAtTerminator } from "../../../tools/conformance/checks/stream-ends-at-terminator.js";
import { context } from "./suite-check-context.js";

const run = (bodyText: string) => streamEndsAtTerminator.run({}, context({ events: [{ id: "c" }], bodyText }));

describe("streamEndsAtTerminator", () => {
  it("passes a body that ends with data: [DONE] and a blank line (LF or CRLF)", () => {
    expect(run('data: {"id":"c"}\n\ndata: [DONE]\n\n').passed).toBe(true);
    expect(run('data: {"id":"c"}\r\n\r\ndata: [DONE]\r\n\r\n').passed).toBe(true);
  });

  it("fails anything after the terminator: keep-alives, events, a second [DONE]", () => {
    expect(run('data: {"id":"c"}\n\ndata: [DONE]\n\n: keep-alive\n\n').message).toMatch(/more after/);
    expect(run('data: [DONE]\n\ndata: {"id":"c"}\n\n').passed).toBe(false);
    expect(run('data: [DONE]\n\ndata: [DONE]\n\n').passed).toBe(false);
  });

  it("fails a missing terminator or one without the blank line", () => {
    expect(run('data: {"id":"c"}\n\n').message).toMatch(/no `data: \[DONE\]`/);
    expect(run('data: {"id":"c"}\n\ndata: [DONE]\n').message).toMatch(/blank line/);
  });
});
