// DISC-006 has three cases: max_tokens (1.0's suite), and a batch of limits.max_batch_size inputs to
// /embeddings and to /classifications (added by 1.1's suite, which inherits 1.0's). The mutation self-test
// proves the clause fails under its fault; this proves each case does, and that a server which states no
// batch limit is not judged on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "../../tools/conformance/conformance.js";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { fakesClosedAfterEach, json } from "./fake-server.js";

const CASES = ["disc-max-tokens-limit-accepted", "disc-max-batch-size-embeddings-accepted", "disc-max-batch-size-classifications-accepted"];
const statuses = async (baseUrl: string) => {
  const { report } = await runConformance({ baseUrl, model: "lis-tiny", spec: "1.1", filter: "disc-max-*" });
  return Object.fromEntries(report.cases.map((c) => [c.id, c.status]));
};

describe("DISC-006 cases", () => {
  let honest: RunningServer;
  let faulty: RunningServer;
  beforeAll(async () => {
    [honest, faulty] = await Promise.all([startServer({ port: 0 }), startServer({ port: 0, faults: ["DISC-006"] })]);
  });
  afterAll(() => Promise.all([honest.close(), faulty.close()]));
  const { fake } = fakesClosedAfterEach();

  it("each passes against the reference server and fails when its limit is not honoured", async () => {
    expect(await statuses(honest.url)).toEqual(Object.fromEntries(CASES.map((id) => [id, "pass"])));
    expect(await statuses(faulty.url)).toEqual(Object.fromEntries(CASES.map((id) => [id, "fail"])));
  });

  it("a discovery document without limits.max_batch_size leaves the batch cases precondition-failed", async () => {
    const discovery = { object: "lis.discovery", lis_versions: ["1.0", "1.1"], profiles: ["core", "discovery", "embeddings", "classification"], limits: {}, models: ["lis-tiny"] };
    const server = await fake((req, res) => json(res, req.url?.startsWith("/.well-known/lis") ? 200 : 404, req.url?.startsWith("/.well-known/lis") ? discovery : { error: { message: "no", type: "not_found_error", param: null, code: null } }));
    const got = await statuses(server.url);
    expect(got["disc-max-batch-size-embeddings-accepted"]).toBe("precondition-failed");
    expect(got["disc-max-batch-size-classifications-accepted"]).toBe("precondition-failed");
    expect(server.requests.filter((r) => r.method === "POST" && r.path !== "/v1/chat/completions")).toEqual([]);
  });
});
