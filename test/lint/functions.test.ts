import { describe, expect, it } from "vitest";
// The custom functions are plain ES modules (a stock Spectral CLI bundles them); each is tested on its own here.
import lisProfileEndpoints from "../../rulesets/functions/lisProfileEndpoints.js";
import lisSchemaFields from "../../rulesets/functions/lisSchemaFields.js";
import lisEventStream from "../../rulesets/functions/lisEventStream.js";
import lisBearerSecurity from "../../rulesets/functions/lisBearerSecurity.js";
import { claimedProfiles, normalizePath } from "../../rulesets/functions/lib/profiles.js";
import { shapeOf, typesOf, typesOverlap } from "../../rulesets/functions/lib/schema-shape.js";

const ctx = (path: Array<string | number> = ["s"]) => ({ path }) as never;
const ENDPOINTS = { core: ["GET /models", "POST /chat/completions"], embeddings: ["POST /embeddings"] };

describe("lib/profiles", () => {
  it("normalizes paths relative to the /v1 base and erases template names", () => {
    expect(normalizePath("/v1/models")).toBe("/models");
    expect(normalizePath("/api/v1/models/{id}")).toBe("/models/{}");
    expect(normalizePath("/chat/completions/")).toBe("/chat/completions");
  });
  it("takes the override, then x-lis-profiles (top level or info), then infers from paths; core always included", () => {
    expect(claimedProfiles({ "x-lis-profiles": ["embeddings"] }, undefined)).toEqual(["core", "embeddings"]);
    expect(claimedProfiles({ info: { "x-lis-profiles": ["core", "tools"] } }, undefined)).toEqual(["core", "tools"]);
    expect(claimedProfiles({ paths: { "/v1/embeddings": {} } }, undefined)).toEqual(["core", "embeddings"]);
    expect(claimedProfiles({ paths: { "/v1/models": {} } }, ["streaming"])).toEqual(["core", "streaming"]);
    expect(claimedProfiles({ paths: { "/health": {} } }, undefined)).toEqual([]);
  });
  it("infers the profiles with endpoints of their own from their paths", () => {
    const paths = { "/v1/models": {}, "/v1/classifications": {}, "/v1/.well-known/lis": {}, "/v1/fine_tuning/jobs": {}, "/v1/fine_tuning/jobs/{id}": {} };
    expect(claimedProfiles({ paths }, undefined)).toEqual(["core", "classification", "discovery", "fine-tuning"]);
  });
});

describe("lib/schema-shape", () => {
  it("merges allOf and knows when oneOf makes the shape open", () => {
    const shape = shapeOf({ allOf: [{ properties: { a: {} }, required: ["a"] }, { properties: { b: {} }, additionalProperties: false }] });
    expect(Object.keys(shape.properties)).toEqual(["a", "b"]);
    expect([...shape.required]).toEqual(["a"]);
    expect(shape.closed).toBe(true);
    expect(shapeOf({ oneOf: [{}, {}] }).open).toBe(true);
  });
  it("reads types from type, const, enum, oneOf and nullable", () => {
    expect([...typesOf({ type: ["string", "null"] })!]).toEqual(["string", "null"]);
    expect([...typesOf({ const: "list" })!]).toEqual(["string"]);
    expect([...typesOf({ oneOf: [{ type: "string" }, { type: "array" }] })!]).toEqual(["string", "array"]);
    expect([...typesOf({ type: "string", nullable: true })!]).toEqual(["string", "null"]);
    expect(typesOf({ description: "anything" })).toBeNull();
    expect(typesOverlap(new Set(["number"]), ["integer"])).toBe(true);
    expect(typesOverlap(new Set(["string"]), ["integer"])).toBe(false);
  });
});

describe("lisProfileEndpoints", () => {
  const options = { profiles: null, endpoints: ENDPOINTS };
  it("passes when every endpoint of the claimed profiles is there", () => {
    const doc = { "x-lis-profiles": ["core"], paths: { "/v1/models": { get: {} }, "/v1/chat/completions": { post: {} } } };
    expect(lisProfileEndpoints(doc, options)).toEqual([]);
  });
  it("reports a missing path and a missing method, once per endpoint", () => {
    const doc = { "x-lis-profiles": ["core", "embeddings"], paths: { "/v1/models": { post: {} } } };
    const results = lisProfileEndpoints(doc, options)!;
    expect(results.map((r) => r.path)).toEqual([["paths", "/v1/models"], ["paths"], ["paths"]]);
    expect(results[0]!.message).toContain("has no get operation");
    expect(results[2]!.message).toContain("POST /embeddings");
  });
  it("checks the profiles given by --profile instead of the claim", () => {
    const doc = { "x-lis-profiles": ["core"], paths: { "/models": { get: {} }, "/chat/completions": { post: {} } } };
    expect(lisProfileEndpoints(doc, { ...options, profiles: ["embeddings"] })!.length).toBe(1);
  });
});

describe("lisSchemaFields", () => {
  const response = { mode: "response", fields: { id: "string", "usage.total": "integer" } };
  it("passes a response schema that declares and requires every member with a compatible type", () => {
    const schema = { required: ["id", "usage"], properties: { id: { type: "string" }, usage: { required: ["total"], properties: { total: { type: "number" } } } } };
    expect(lisSchemaFields(schema, response, ctx())).toEqual([]);
  });
  it("reports undeclared, unrequired and mistyped response members at their paths", () => {
    const schema = { properties: { id: { type: "integer" } } };
    const results = lisSchemaFields(schema, response, ctx())!;
    expect(results.map((r) => r.message)).toEqual([
      'response schema does not require "id"',
      '"id" is declared as integer, but LIS defines it as string',
      'response schema does not declare "usage"',
    ]);
    expect(results[1]!.path).toEqual(["s", "properties", "id"]);
  });
  it("in a request, accepts undeclared members unless additionalProperties is false", () => {
    const request = { mode: "request", fields: { model: "string" } };
    expect(lisSchemaFields({ properties: {} }, request, ctx())).toEqual([]);
    expect(lisSchemaFields({ properties: {}, additionalProperties: false }, request, ctx())![0]!.message).toContain("rejects");
    expect(lisSchemaFields({ properties: { model: { type: "integer" } } }, request, ctx())!.length).toBe(1);
  });
  it("says nothing about a oneOf it cannot see into", () => {
    expect(lisSchemaFields({ oneOf: [{}, {}] }, response, ctx())).toEqual([]);
  });
});

describe("lisEventStream", () => {
  const chat = (content: object) => ({ paths: { "/v1/chat/completions": { post: { responses: { "200": { content } } } } } });
  it("requires text/event-stream when streaming is claimed", () => {
    const doc = { "x-lis-profiles": ["streaming"], ...chat({ "application/json": {} }) };
    expect(lisEventStream(doc, { profiles: null })![0]!.path).toEqual(["paths", "/v1/chat/completions", "post", "responses", "200"]);
    expect(lisEventStream({ ...doc, ...chat({ "text/event-stream; charset=utf-8": {} }) }, { profiles: null })).toBeUndefined();
  });
  it("says nothing when streaming is not claimed", () => {
    expect(lisEventStream({ "x-lis-profiles": ["core"], ...chat({}) }, { profiles: null })).toBeUndefined();
  });
});

describe("lisBearerSecurity", () => {
  const schemes = { components: { securitySchemes: { b: { type: "http", scheme: "Bearer" }, k: { type: "apiKey", in: "header", name: "X" } } } };
  it("accepts a bearer scheme, alone or as one alternative, and operations that opt out of auth", () => {
    expect(lisBearerSecurity({ ...schemes, security: [{ k: [] }, { b: [] }] })).toEqual([]);
    expect(lisBearerSecurity({ ...schemes, paths: { "/models": { get: { security: [{}] } } } })).toEqual([]);
  });
  it("reports global and per-operation requirements without bearer", () => {
    const results = lisBearerSecurity({ ...schemes, security: [{ k: [] }], paths: { "/v1/models": { get: { security: [{ k: [] }] } } } });
    expect(results.map((r) => r.path)).toEqual([["security"], ["paths", "/v1/models", "get", "security"]]);
  });
  it("reports securitySchemes without any bearer scheme", () => {
    expect(lisBearerSecurity({ components: { securitySchemes: { k: { type: "apiKey" } } } })[0]!.path).toEqual(["components", "securitySchemes"]);
  });
});
