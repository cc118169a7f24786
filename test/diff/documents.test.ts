import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffDocuments, schemaRoots } from "../../tools/diff/diff.js";
import { loadSide } from "../../tools/diff/load.js";
import { docSetFromObjects } from "../../tools/diff/refs.js";
import { LisError } from "../../tools/util/errors.js";
import { api, inRequest, inResponse } from "./row-fixtures.js";

const fixture = (...parts: string[]) => join(import.meta.dirname, "fixtures", ...parts);
const openapi = (doc: unknown, label = "x") => docSetFromObjects({ "openapi.json": doc }, { openapi: "openapi.json", label });
const rowsOf = (result: ReturnType<typeof diffDocuments>) => result.changes.map((c) => `${c.row} ${c.location}`);

describe("$ref resolution", () => {
  it("follows relative files and a recursive schema without looping, reporting the change where it is", () => {
    const result = diffDocuments(loadSide(fixture("split", "old")), loadSide(fixture("split", "new")));
    expect(rowsOf(result)).toEqual(["RES-TYPE-WIDENED components/thing.yaml#/Thing/properties/note/type"]);
    expect(result.changes[0].usedAt).toEqual(["openapi.yaml#/paths/~1things/post/responses/200/content/application~1json/schema"]);
  });

  it("reports a change to a shared component once, listing every operation that uses it", () => {
    const component = (extra: Record<string, unknown>) => ({ type: "object", properties: { id: { type: "string" }, ...extra } });
    const doc = (extra: Record<string, unknown>) =>
      api(
        {
          "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } } } },
          "/b": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } } } } } } } },
        },
        { components: { schemas: { Thing: component(extra) } } },
      );
    const result = diffDocuments(openapi(doc({ name: { type: "string" } })), openapi(doc({})));
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ row: "RES-PROPERTY-REMOVED", location: "#/components/schemas/Thing/properties/name", usedAtCount: 2 });
    expect(result.changes[0].usedAt).toEqual([
      "#/paths/~1a/get/responses/200/content/application~1json/schema",
      "#/paths/~1b/get/responses/200/content/application~1json/schema",
    ]);
  });

  it("reports a change inside a shared response or a document-wide security requirement once, with its operations", () => {
    const doc = (headers: Record<string, unknown>, security: unknown[]) =>
      api(
        {
          "/a": { get: { responses: { "200": { description: "ok" }, "429": { $ref: "#/components/responses/TooMany" } } } },
          "/b": { post: { responses: { "200": { description: "ok" }, "429": { $ref: "#/components/responses/TooMany" } } } },
        },
        { security, components: { responses: { TooMany: { description: "slow down", headers } } } },
      );
    const result = diffDocuments(openapi(doc({ "Retry-After": { schema: { type: "integer" } } }, [])), openapi(doc({}, [{ ApiKey: [] }])));
    expect(result.changes.map((c) => [c.row, c.location, c.usedAt])).toEqual([
      ["REQ-SECURITY-TIGHTENED", "#/security", ["#/paths/~1a/get", "#/paths/~1b/post"]],
      ["RES-HEADER-REMOVED", "#/components/responses/TooMany/headers/Retry-After", ["#/paths/~1a/get/responses/429", "#/paths/~1b/post/responses/429"]],
    ]);
  });

  it("reports a deprecated parameter as informational", () => {
    const doc = (deprecated: boolean) => api({ "/a": { get: { parameters: [{ name: "q", in: "query", deprecated, schema: { type: "string" } }], responses: { "200": { description: "ok" } } } } });
    const result = diffDocuments(openapi(doc(false)), openapi(doc(true)));
    expect(result.changes.map((c) => [c.row, c.direction, c.classification, c.location])).toEqual([["DEPRECATED-ADDED", "request", "informational", "#/paths/~1a/get/parameters/0/deprecated"]]);
  });

  it("counts a schema used in requests and responses for both", () => {
    const shared = (values: string[]) => ({ Mode: { type: "string", enum: values } });
    const doc = (values: string[]) =>
      api(
        {
          "/a": {
            post: {
              requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Mode" } } } },
              responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Mode" } } } } },
            },
          },
        },
        { components: { schemas: shared(values) } },
      );
    const result = diffDocuments(openapi(doc(["a"])), openapi(doc(["a", "b"])));
    expect(result.changes.map((c) => [c.row, c.classification])).toEqual([
      ["RES-ENUM-VALUE-ADDED", "breaking"],
      ["REQ-ENUM-VALUE-ADDED", "non-breaking"],
    ]);
  });

  it("ends mutual recursion between components", () => {
    const doc = (leaf: Record<string, unknown>) =>
      api(
        { "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } } } } } },
        {
          components: {
            schemas: {
              A: { type: "object", properties: { b: { $ref: "#/components/schemas/B" } } },
              B: { type: "object", properties: { a: { $ref: "#/components/schemas/A" }, leaf } },
            },
          },
        },
      );
    const result = diffDocuments(openapi(doc({ type: "string" })), openapi(doc({ type: "integer" })));
    expect(rowsOf(result)).toEqual(["RES-TYPE-CHANGED #/components/schemas/B/properties/leaf/type"]);
  });

  it("compares a $ref it cannot resolve by its text and warns, without fetching", () => {
    const remote = (url: string) => inResponse({ $ref: url });
    const same = diffDocuments(openapi(remote("https://example.invalid/a.json")), openapi(remote("https://example.invalid/a.json")));
    expect(same.changes).toEqual([]);
    expect(same.warnings.join("\n")).toMatch(/never fetches/);
    const changed = diffDocuments(openapi(remote("https://example.invalid/a.json")), openapi(remote("https://example.invalid/b.json")));
    expect(changed.changes.map((c) => c.row)).toEqual(["RES-TYPE-CHANGED"]);
  });
});

describe("OpenAPI 3.0 and pairing", () => {
  it("pairs renamed path templates, reads nullable and boolean exclusiveMinimum, and merges allOf", () => {
    const result = diffDocuments(loadSide(fixture("openapi-3.0", "old.yaml")), loadSide(fixture("openapi-3.0", "new.yaml")));
    expect(result.changes.map((c) => [c.row, c.location, c.usedAt[0]])).toEqual([
      ["RES-LIMIT-TIGHTENED", "#/components/schemas/Base/properties/created/exclusiveMinimum", "#/paths/~1models~1{id}/get/responses/200/content/application~1json/schema"],
      ["RES-PROPERTY-ADDED-OPTIONAL", "#/components/schemas/Error/properties/code", "#/paths/~1models~1{id}/get/responses/404/content/application~1json/schema"],
      ["DESCRIPTION-CHANGED", "#/info/version", undefined],
    ]);
  });

  it("reads `anyOf: [X, {type: null}]` as X or null: a widened type, and the same as `type: [x, null]`", () => {
    const before = { type: "object", properties: { a: { type: "string" } } };
    const after = { type: "object", properties: { a: { anyOf: [{ type: "string" }, { type: "null" }] } } };
    const spelledAsType = { type: "object", properties: { a: { type: ["string", "null"] } } };
    expect(diffDocuments(openapi(inResponse(before)), openapi(inResponse(after))).changes.map((c) => c.row)).toEqual(["RES-TYPE-WIDENED"]);
    expect(diffDocuments(openapi(inRequest(before)), openapi(inRequest(after))).changes.map((c) => c.row)).toEqual(["REQ-TYPE-WIDENED"]);
    expect(diffDocuments(openapi(inResponse(spelledAsType)), openapi(inResponse(after))).changes).toEqual([]);
  });

  it("pairs a schema of several types with a union of one alternative per type", () => {
    const before = { type: ["string", "integer"], maxLength: 5 };
    const same = { oneOf: [{ type: "integer" }, { type: "string", maxLength: 5 }] };
    const more = { oneOf: [{ type: "integer" }, { type: "string", maxLength: 5 }, { type: "boolean" }] };
    expect(diffDocuments(openapi(inResponse(before)), openapi(inResponse(same))).changes).toEqual([]);
    expect(diffDocuments(openapi(inResponse(before)), openapi(inResponse(more))).changes.map((c) => c.row)).toEqual(["RES-VARIANT-ADDED"]);
  });

  it("keeps a real union a union: a third alternative is a new variant", () => {
    const before = { anyOf: [{ type: "string" }, { type: "null" }] };
    const after = { anyOf: [{ type: "string" }, { type: "null" }, { type: "integer" }] };
    expect(diffDocuments(openapi(inResponse(before)), openapi(inResponse(after))).changes.map((c) => c.row)).toEqual(["RES-VARIANT-ADDED"]);
  });

  it("pairs discriminated alternatives by their fixed `type`, whatever their order", () => {
    const part = (type: string, extra: Record<string, unknown> = {}) => ({ type: "object", properties: { type: { const: type }, ...extra } });
    const before = { oneOf: [part("text", { text: { type: "string" } }), part("image")] };
    const after = { oneOf: [part("image"), part("text", { text: { type: "string" }, lang: { type: "string" } })] };
    const result = diffDocuments(openapi(inResponse(before)), openapi(inResponse(after)));
    expect(rowsOf(result)).toEqual(["RES-PROPERTY-ADDED-OPTIONAL #/paths/~1things/get/responses/200/content/application~1json/schema/oneOf/1/properties/lang"]);
  });
});

describe("schema folders", () => {
  it("takes directions from x-lis-direction, the -request suffix, and the roots that use a shared schema", () => {
    const side = loadSide(fixture("folder", "old"));
    const roots = Object.fromEntries([...schemaRoots(side)].map(([file, dirs]) => [file.split("/").pop(), dirs]));
    expect(roots).toEqual({ "event.schema.json": ["request"], "thing-request.schema.json": ["request"], "thing.schema.json": ["response"] });
    const result = diffDocuments(side, loadSide(fixture("folder", "new")));
    expect(result.changes.map((c) => [c.row, c.location])).toEqual([
      ["REQ-PROPERTY-BECAME-REQUIRED", "event.schema.json#/properties/kind"],
      ["RES-ENUM-VALUE-ADDED", "mode.schema.json#/enum"],
      ["REQ-ENUM-VALUE-ADDED", "mode.schema.json#/enum"],
    ]);
  });

  it("rejects an x-lis-direction it does not know", () => {
    const side = docSetFromObjects({ "a.schema.json": { type: "object", "x-lis-direction": "sideways" } });
    expect(() => schemaRoots(side)).toThrow(LisError);
  });

  it("refuses to compare an OpenAPI file with a schema folder", () => {
    expect(() => diffDocuments(loadSide(fixture("openapi-3.0", "old.yaml")), loadSide(fixture("folder", "new")))).toThrow(/compare like with like/);
  });
});

describe("file formats", () => {
  it("reads a .yaml file that holds JSON, and one in YAML flow style", () => {
    const dir = mkdtempSync(join(tmpdir(), "lis-diff-formats-"));
    try {
      writeFileSync(join(dir, "json.yaml"), JSON.stringify(inResponse({ type: "string" })));
      writeFileSync(join(dir, "flow.yaml"), '{openapi: 3.1.0, info: {title: t, version: "1"}, paths: {/things: {get: {responses: {"200": {description: ok, content: {application/json: {schema: {type: integer}}}}}}}}}');
      // The two documents also differ in info.title and info.version: documentation, reported as such.
      expect(diffDocuments(loadSide(join(dir, "json.yaml")), loadSide(join(dir, "flow.yaml"))).changes.map((c) => c.row)).toEqual(["RES-TYPE-CHANGED", "DESCRIPTION-CHANGED", "DESCRIPTION-CHANGED"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bad input", () => {
  it.each([
    ["a missing file", fixture("bad", "nope.yaml"), /not found/],
    ["invalid YAML, with line and column", fixture("bad", "broken.yaml"), /broken\.yaml:\d+:\d+/],
    ["invalid JSON, with line and column", fixture("bad", "broken.json"), /broken\.json:\d+:\d+: not valid JSON/],
    ["a YAML file that is not OpenAPI", fixture("bad", "not-openapi.yaml"), /no top-level "openapi" field/],
    ["Swagger 2.0", fixture("bad", "swagger.json"), /Swagger 2\.0/],
    ["a $ref to a missing file", fixture("bad", "missing-ref.yaml"), /nowhere\.yaml/],
    ["a folder without schemas", fixture("bad", "empty-folder"), /no JSON Schema files/],
  ])("%s is an input error (exit 2)", (_what, path, message) => {
    let error: unknown;
    try {
      loadSide(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LisError);
    expect((error as LisError).exitCode).toBe(2);
    expect((error as LisError).message).toMatch(message);
  });
});
