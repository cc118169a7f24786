// The pre-flight's diagnosis (tools/conformance/preflight.ts) as a pure function of the probes' answers.
// The same diagnoses as a user meets them (subprocess, exit 2) are in exits.test.ts, and against llama.cpp's
// llama-server in llama-health.test.ts.
import { describe, expect, it } from "vitest";
import { diagnosePreflight, type Probe, type PreflightProbes, type PreflightTarget } from "../../tools/conformance/preflight.js";

const list = (...ids: string[]): Probe => ({ status: 200, json: { object: "list", data: ids.map((id) => ({ id, object: "model" })) } });
const status = (code: number, json: unknown = { error: { message: "x", type: "x", param: null, code: "x" } }): Probe => ({ status: code, json });
const target: PreflightTarget = { baseUrl: "http://h:1/v1", model: "m", embeddingModel: "m" };
const diagnose = (probes: Partial<PreflightProbes>, t: Partial<PreflightTarget> = {}) => diagnosePreflight({ models: list("m"), discovery: status(404), ...probes }, { ...target, ...t });

describe("pre-flight diagnosis", () => {
  it("ok: the models, the LIS-Version header and what discovery declares", () => {
    const discovery: Probe = { status: 200, json: { object: "lis.discovery", profiles: ["core", "streaming"], lis_versions: ["1.0"] } };
    expect(diagnose({ models: { ...list("m"), headers: { "lis-version": "1.0" } }, discovery })).toEqual({ verdict: "ok", lisVersion: "1.0", models: ["m"], discovery: { profiles: ["core", "streaming"], versions: ["1.0"], document: discovery.json } });
    expect(diagnose({ discovery: { error: "timeout: no complete response within 10000 ms" } })).toEqual({ verdict: "ok", lisVersion: undefined, models: ["m"], discovery: {} });
  });

  it("unreachable: no HTTP answer to GET /models, or from the embeddings server", () => {
    expect(diagnose({ models: { error: "connect: cannot connect: ECONNREFUSED" } })).toEqual({ verdict: "unreachable", reason: "cannot reach http://h:1/v1: connect: cannot connect: ECONNREFUSED" });
    expect(diagnose({ embeddingModels: { error: "timeout: x" } }, { embeddingBaseUrl: "http://e:2/v1/" }).reason).toBe("cannot reach the embeddings server http://e:2/v1: timeout: x");
  });

  it("the key: every probe refused (GET /models may be public, discovery may not be served); the message depends on whether a key was given", () => {
    for (const [models, discovery] of [[status(401), status(401)], [list("m"), status(401)], [status(401), status(404)], [status(403), { error: "reset" }]] as const) {
      expect(diagnose({ models, discovery }).reason).toMatch(/^the server requires an API key \(GET \/models answered \d+, GET \/\.well-known\/lis \S+\): pass --api-key KEY or set LIS_API_KEY$/);
      expect(diagnose({ models, discovery }, { apiKey: "k" }).reason).toMatch(/^the server refused the API key .*: check --api-key or LIS_API_KEY$/);
    }
    // An answer that the key does not explain is no diagnosis: the cases judge it.
    expect(diagnose({ models: list("m"), discovery: status(404) }).verdict).toBe("ok");
    expect(diagnose({ models: status(401), discovery: { status: 200, json: {} } }).verdict).toBe("ok");
    expect(diagnose({ models: status(500), discovery: status(401) }).verdict).toBe("ok");
  });

  it("the base URL lacks /v1 when <base>/v1/models answers a model list, whatever <base>/models answers", () => {
    const t = { baseUrl: "http://h:1/" };
    expect(diagnose({ models: status(404), v1Models: list("m") }, t).reason).toBe("the base URL lacks /v1: GET http://h:1/v1/models answers 200 with a model list (GET http://h:1/models: 404); pass --base-url http://h:1/v1");
    expect(diagnose({ models: list("m"), v1Models: list("m") }, t).verdict).toBe("misconfigured");
    expect(diagnose({ models: status(404), v1Models: status(404) }, t).verdict).toBe("ok");
  });

  it("a model not listed and refused by name is a wrong --model; one served unlisted is MODEL-006's to judge", () => {
    const refused = status(404, { error: { message: "The model 'n' does not exist", type: "invalid_request_error", param: "model", code: "model_not_found" } });
    const probes = { models: list("a", "b"), retrieved: { "--model": status(404) }, used: { "--model": refused } };
    expect(diagnose(probes, { model: "n", embeddingModel: "n" }).reason).toBe("--model n is not a model of this server (GET /models does not list it, and a request with it answered 404); it lists: a, b");
    expect(diagnose({ ...probes, used: { "--model": { status: 200, json: {} } } }, { model: "n", embeddingModel: "n" }).verdict).toBe("ok");
    expect(diagnose({ ...probes, retrieved: { "--model": list() } }, { model: "n", embeddingModel: "n" }).verdict).toBe("ok");
    // A 404 for the path (no chat endpoint) does not name the model: no diagnosis.
    expect(diagnose({ ...probes, used: { "--model": status(404, { error: { message: "File Not Found", type: "not_found_error", code: 404 } }) } }, { model: "n", embeddingModel: "n" }).verdict).toBe("ok");
    // An empty list names nothing to compare with.
    expect(diagnose({ models: list() }, { model: "n", embeddingModel: "n" }).verdict).toBe("ok");
  });

  it("the embedding model is looked for on the embeddings server, when there is one", () => {
    const refused = status(400, { error: { message: "model 'e' not found", type: "invalid_request_error", param: null, code: null } });
    const t = { embeddingBaseUrl: "http://e:2/v1", embeddingModel: "e" };
    expect(diagnose({ embeddingModels: list("e") }, t).verdict).toBe("ok");
    expect(diagnose({ embeddingModels: list("x", "y"), retrieved: { "--embedding-model": status(404) }, used: { "--embedding-model": refused } }, t).reason).toBe(
      "--embedding-model e is not a model of the embeddings server http://e:2/v1 (GET /models does not list it, and a request with it answered 400); it lists: x, y",
    );
  });
});
