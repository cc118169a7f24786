// Schemas of the HTTP/errors/models/embeddings areas (their examples, in every version, are checked in test/schemas/versions.test.ts):
// the real captured payloads they must classify (llama.cpp captures, OpenAI's embedded response examples).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { getValidator } from "../../tools/validate/validators.js";
import { loadClauses, PROFILES } from "../../tools/clauses/registry.js";
import { SPEC_VERSIONS, schemaDir, specDir } from "../../tools/util/paths.js";
import { fixturePath, hasSharedFixtures } from "../support/shared-fixtures.js";

const NAMES = ["error", "model", "model-list", "embedding-request", "embedding-list", "embedding"] as const;
const dir = schemaDir("1.0");

/** The project's own validators (every schema of a version in one Ajv, so cross-file $refs resolve offline). */
function validate(name: string, doc: unknown, version = "1.0"): { valid: boolean; pointers: string[]; errors: { pointer: string; keyword: string }[] } {
  const result = getValidator(name, version)(doc);
  return { valid: result.valid, pointers: result.errors.map((e) => e.pointer), errors: result.errors };
}

const clauseIds = new Set(
  readdirSync(specDir("1.0"))
    .filter((f) => f.endsWith(".md"))
    .flatMap((f) => [...readFileSync(join(specDir("1.0"), f), "utf8").matchAll(/^### ([A-Z]+-\d{3}) \((?:MUST|SHOULD|MAY), [a-z][a-z-]*\)$/gm)])
    .map((m) => m[1]),
);

/** A captured `curl -i` response: status, lower-cased headers, body. */
function readHttp(file: string): { status: number; headers: Record<string, string>; body: string } {
  const text = readFileSync(fixturePath("real-world", "llama.cpp", file), "utf8");
  const split = text.indexOf("\r\n\r\n");
  const head = text.slice(0, split).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(head[0]!.split(" ")[1]), headers, body: text.slice(split + 4) };
}

function decodeFloat32(b64: string): number[] {
  const bytes = Buffer.from(b64, "base64");
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(bytes.readFloatLE(i));
  return out;
}

describe.skipIf(!hasSharedFixtures)("real llama.cpp captures", () => {
  it.each(["models.http", "embeddings-same-server.http", "embeddings-base64.http", "error-401-wrong-key.http", "error-404.http"])(
    "%s is JSON with a conformant Content-Type (HTTP-011)",
    (file) => {
      const res = readHttp(file);
      expect(res.headers["content-type"]).toMatch(/^application\/json(;\s*charset=utf-8)?$/i);
      expect(() => JSON.parse(res.body)).not.toThrow();
    },
  );

  it("models.http validates against model-list", () => {
    const res = readHttp("models.http");
    expect(res.status).toBe(200);
    expect(validate("model-list", JSON.parse(res.body)).errors).toEqual([]);
  });

  it("embeddings-same-server.http validates against embedding-list, in input order, one dimension", () => {
    const doc = JSON.parse(readHttp("embeddings-same-server.http").body);
    expect(validate("embedding-list", doc).errors).toEqual([]);
    expect(doc.data.map((d: { index: number }) => d.index)).toEqual([0, 1]); // EMB-008
    expect(new Set(doc.data.map((d: { embedding: number[] }) => d.embedding.length)).size).toBe(1); // EMB-014
    expect(doc.usage.total_tokens).toBe(doc.usage.prompt_tokens); // EMB-015
  });

  it("embeddings-base64.http validates and decodes to little-endian float32 of the model's dimension (EMB-011)", () => {
    const doc = JSON.parse(readHttp("embeddings-base64.http").body);
    expect(validate("embedding-list", doc).errors).toEqual([]);
    const floats = JSON.parse(readHttp("embeddings-same-server.http").body);
    const decoded = decodeFloat32(doc.data[0].embedding);
    expect(decoded.length).toBe(floats.data[0].embedding.length);
    expect(decoded.every(Number.isFinite)).toBe(true);
    // EMB-024 (SHOULD): llama.cpp normalises by default, so the decoded vector is unit length.
    expect(Math.hypot(...decoded)).toBeCloseTo(1, 3);
  });

  // llama.cpp's errors are a deliberate non-conformance: no `param` (ERR-002) and an integer `code` (ERR-008).
  it.each([
    ["error-401-wrong-key.http", 401, "authentication_error"],
    ["error-404.http", 404, "not_found_error"],
  ])("%s is rejected exactly for ERR-002 (param absent) and ERR-008 (integer code)", (file, status, type) => {
    const res = readHttp(file as string);
    expect(res.status).toBe(status);
    const doc = JSON.parse(res.body);
    expect(doc.error.type).toBe(type); // ERR-004/ERR-005 hold
    const result = validate("error", doc);
    expect(result.valid).toBe(false);
    const found = result.errors.map((e) => ({ pointer: e.pointer, keyword: e.keyword }));
    expect(found).toEqual(
      expect.arrayContaining([
        { pointer: "/error/param", keyword: "required" },
        { pointer: "/error/code", keyword: "type" },
      ]),
    );
    expect(found).toHaveLength(2);
  });
});

/** OpenAI's embedded examples are illustrative: they contain "...." placeholder lines and trailing commas. */
function parseIllustrativeJson(text: string): unknown {
  const cleaned = text
    .split("\n")
    .filter((line) => !/^\s*\.{3,}/.test(line))
    .join("\n")
    .replace(/,(\s*[\]}])/g, "$1");
  return JSON.parse(cleaned);
}

describe.skipIf(!hasSharedFixtures)("OpenAI's published response examples", () => {
  // The body of a skipped describe still runs while tests are collected: read the fixture only when present.
  const doc = (hasSharedFixtures ? parseYaml(readFileSync(fixturePath("third-party", "openai-openapi.yaml"), "utf8"), { maxAliasCount: -1 }) : { paths: {} }) as {
    paths: Record<string, Record<string, { "x-oaiMeta"?: { examples?: { response?: string } } }>>;
  };
  const example = (path: string, method: string) => doc.paths[path]![method]!["x-oaiMeta"]!.examples!.response!;

  it.each([
    ["/models", "get", "model-list"],
    ["/models/{model}", "get", "model"],
    ["/embeddings", "post", "embedding-list"],
  ])("%s %s example validates against %s (after removing placeholders and trailing commas)", (path, method, name) => {
    const result = validate(name!, parseIllustrativeJson(example(path!, method!)));
    expect(result.errors).toEqual([]);
  });

  it("the /models example is not strict JSON as published (trailing comma), which is why it is normalised", () => {
    expect(() => JSON.parse(example("/models", "get"))).toThrow();
  });
});

describe.each([...SPEC_VERSIONS])("schemas/%s/openapi.yaml", (version) => {
  const dir = schemaDir(version);
  const api = parseYaml(readFileSync(join(dir, "openapi.yaml"), "utf8")) as Record<string, any>;
  /** The profiles the version's clauses belong to, in the registry's order: what its OpenAPI document claims. */
  // A profile no server can be tested on (performance: requirements on benchmark tools) has no endpoint.
  const profiles = PROFILES.filter((p) => loadClauses(version).some((c) => c.profile === p && c.testable));

  /** Every `$ref` in the document with its JSON pointer, found by walking it. */
  const refs: { at: string; ref: string }[] = [];
  const mediaTypes: { at: string; media: Record<string, any> }[] = [];
  (function walk(node: unknown, at: string): void {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (node !== null && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (typeof obj.$ref === "string") refs.push({ at, ref: obj.$ref });
      if (/\/content\/[^/]+$/.test(at)) mediaTypes.push({ at, media: obj as Record<string, any> });
      for (const [k, v] of Object.entries(obj)) walk(v, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  })(api, "");

  it("is OpenAPI 3.1 with the 2020-12 dialect and the LIS version and profiles", () => {
    expect(api.openapi).toMatch(/^3\.1\.\d+$/);
    expect(api.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(api["x-lis-version"]).toBe(version);
    expect(api.info.version).toBe(`${version}.0`);
    expect(api["x-lis-profiles"]).toEqual(profiles);
    expect(api.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes every endpoint of the version's profiles, each naming its profiles", () => {
    expect(Object.keys(api.paths).sort()).toEqual([
      "/.well-known/lis", "/chat/completions", "/classifications", "/embeddings",
      "/fine_tuning/jobs", "/fine_tuning/jobs/{job}", "/fine_tuning/jobs/{job}/cancel", "/fine_tuning/jobs/{job}/events",
      "/models", "/models/{model}",
    ]);
    for (const [path, item] of Object.entries<Record<string, any>>(api.paths))
      for (const op of Object.values<Record<string, any>>(item)) {
        expect(Array.isArray(op["x-lis-profiles"]) && op["x-lis-profiles"].length > 0, path).toBe(true);
        expect(op["x-lis-profiles"].filter((p: string) => !profiles.includes(p)), path).toEqual([]);
      }
    const claimed = new Set(Object.values<Record<string, any>>(api.paths).flatMap((item) => Object.values<Record<string, any>>(item).flatMap((op) => op["x-lis-profiles"])));
    expect(profiles.filter((p) => !claimed.has(p))).toEqual([]);
  });

  it("documents the streamed chat response as server-sent events of chat-completion-chunk", () => {
    const sse = api.paths["/chat/completions"].post.responses["200"].content["text/event-stream"];
    expect(sse["x-lis-event-schema"].$ref).toBe("chat-completion-chunk.schema.json");
  });

  it("has every error response carry the error envelope", () => {
    const wanted = ["400", "401", "404", "405", "413", "415", "429", "500"];
    const chat = api.paths["/chat/completions"].post.responses;
    for (const status of wanted) expect(Object.keys(chat)).toContain(status);
    for (const [name, response] of Object.entries<Record<string, any>>(api.components.responses))
      expect(response.content["application/json"].schema.$ref, name).toBe("error.schema.json");
  });

  it("resolves every $ref offline: local pointers exist, files exist beside it", () => {
    const missing: string[] = [];
    for (const { at, ref } of refs) {
      if (ref.startsWith("#/")) {
        let node: any = api;
        for (const part of ref.slice(2).split("/")) node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
        if (node === undefined) missing.push(`${at}: ${ref}`);
      } else if (/^[a-z0-9-]+\.schema\.json$/.test(ref)) {
        if (!existsSync(join(dir, ref))) missing.push(`${at}: ${ref} (file not found)`);
      } else missing.push(`${at}: ${ref} (neither a local pointer nor a schema file beside openapi.yaml)`);
    }
    expect(missing).toEqual([]);
  });

  it("has every inline example valid against its schema", () => {
    let checked = 0;
    for (const { at, media } of mediaTypes) {
      const ref = media.schema?.$ref;
      if (media.example === undefined || typeof ref !== "string" || !existsSync(join(dir, ref))) continue;
      const result = validate(ref.replace(/\.schema\.json$/, ""), media.example, version);
      expect(result.errors, at).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

describe("cross-references", () => {
  const mine = ["conventions.md", "http.md", "errors.md", "models.md", "embeddings.md", "README.md"].map((f) => join(specDir("1.0"), f));
  const machine = [...NAMES.map((n) => join(dir, `${n}.schema.json`)), join(dir, "openapi.yaml")];

  it.each([...mine, ...machine])("every clause ID cited in %s is defined by the spec", (file) => {
    const cited = [...readFileSync(file, "utf8").matchAll(/\b(CONV|HTTP|ERR|MODEL|CHAT|STREAM|TOOL|STRUCT|EMB)-\d{3}\b/g)].map((m) => m[0]);
    expect(cited.filter((id) => !clauseIds.has(id))).toEqual([]);
  });
});
