// Discovery (spec/1.0/discovery.md): the reference server's document, the runner's profile selection from
// it (DISC-004), and the pure helpers behind that selection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../tools/serve/server.js";
import { DECLARED_PROFILES, declaredProfiles } from "../../tools/serve/endpoints/discovery.js";
import { profilesFromDiscovery, selectDeclared } from "../../tools/conformance/discovery.js";
import { runConformance, specProfiles } from "../../tools/conformance/conformance.js";
import { getValidator } from "../../tools/validate/validators.js";

describe("profile selection from a discovery document", () => {
  it("reads the profiles of a discovery document and nothing else", () => {
    expect(profilesFromDiscovery(200, { object: "lis.discovery", profiles: ["core", "x", 3] })).toEqual(["core", "x"]);
    expect(profilesFromDiscovery(404, { object: "lis.discovery", profiles: ["core"] })).toBeUndefined();
    expect(profilesFromDiscovery(200, { object: "discovery", profiles: ["core"] })).toBeUndefined();
    expect(profilesFromDiscovery(200, "core")).toBeUndefined();
  });

  it("keeps core and the declared profiles it knows, in the spec's order; unknown names are ignored (DISC-007)", () => {
    expect(selectDeclared(["core", "streaming", "embeddings", "discovery"], ["discovery", "embeddings", "fine-tuning"])).toEqual(["core", "embeddings", "discovery"]);
  });
});

describe("the reference server's discovery document", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, maxBodyBytes: 123_456 });
  });
  afterAll(() => server.close());

  it("validates, states the configured body limit, and lists the served models", async () => {
    const res = await fetch(`${server.url}/.well-known/lis`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, any>;
    expect(getValidator("discovery")(doc).errors).toEqual([]);
    expect(doc.limits.max_body_bytes).toBe(123_456);
    expect(doc.profiles).toEqual(declaredProfiles("1.1")); // the default server implements 1.0 and 1.1
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    expect(doc.models).toEqual(models.data.map((m) => m.id));
  });
});

describe("lis conformance without --profile", () => {
  it("tests exactly core and the profiles the server declares", async () => {
    const { suite } = await runConformance({ filter: "disc-*" });
    expect([...suite.profiles].sort()).toEqual([...DECLARED_PROFILES].sort());
  });

  it("tests every profile of the spec when the server serves no discovery document (here DISC-001 broken)", async () => {
    const { suite, report } = await runConformance({ filter: "disc-*", serverFaults: ["DISC-001"] });
    expect(suite.profiles).toEqual(specProfiles(suite.clauses));
    expect(report.clauses.filter((c) => c.verdict === "fail").map((c) => c.id)).toEqual(["DISC-001"]);
  });

  it("--profile wins over the document", async () => {
    const { suite } = await runConformance({ filter: "disc-*", profiles: ["discovery"] });
    expect(suite.profiles).toEqual(["core", "discovery"]);
  });
});
