/**
 * A fixture pair for every row of the versioning policy table (spec/1.0/versioning.md): the old and new
 * documents, and the one row (with its direction) that `lis diff` must report for them.
 */
import type { Direction } from "../../tools/diff/policy.js";

export interface RowFixture {
  row: string;
  direction: Direction;
  old: FixtureSide;
  new: FixtureSide;
}
/** An OpenAPI document, or a schema folder (file name → schema). */
export type FixtureSide = { openapi: unknown } | { folder: Record<string, unknown> };

type Schema = Record<string, unknown>;

export const api = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  openapi: "3.1.0",
  info: { title: "fixture", version: "1.0" },
  paths,
  ...extra,
});
const ok = (schema: Schema = { type: "object" }) => ({ description: "ok", content: { "application/json": { schema } } });
const error = { description: "error", content: { "application/json": { schema: { type: "object" } } } };

/** The schema as the body of a POST request. */
export const inRequest = (schema: Schema) => api({ "/things": { post: { requestBody: { required: true, content: { "application/json": { schema } } }, responses: { "200": ok() } } } });
/** The schema as the body of a 200 response. */
export const inResponse = (schema: Schema) => api({ "/things": { get: { responses: { "200": ok(schema) } } } });

const obj = (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({ type: "object", properties, required, ...extra });
const str = { type: "string" };

/** Schema changes that have a request row and a response row: [old, new]. */
const SCHEMA_PAIRS: Record<string, [Schema, Schema]> = {
  "PROPERTY-ADDED-OPTIONAL": [obj({ a: str }), obj({ a: str, b: str })],
  "PROPERTY-ADDED-REQUIRED": [obj({ a: str }), obj({ a: str, b: str }, ["b"])],
  "PROPERTY-REMOVED": [obj({ a: str, b: str }), obj({ a: str })],
  "PROPERTY-BECAME-REQUIRED": [obj({ a: str }), obj({ a: str }, ["a"])],
  "PROPERTY-BECAME-OPTIONAL": [obj({ a: str }, ["a"]), obj({ a: str })],
  "TYPE-CHANGED": [obj({ a: str }), obj({ a: { type: "integer" } })],
  "TYPE-WIDENED": [obj({ a: str }), obj({ a: { type: ["string", "null"] } })],
  "TYPE-NARROWED": [obj({ a: { type: "number" } }), obj({ a: { type: "integer" } })],
  "ENUM-VALUE-ADDED": [obj({ a: { type: "string", enum: ["x", "y"] } }), obj({ a: { type: "string", enum: ["x", "y", "z"] } })],
  "ENUM-VALUE-REMOVED": [obj({ a: { type: "string", enum: ["x", "y"] } }), obj({ a: { type: "string", enum: ["x"] } })],
  "LIMIT-TIGHTENED": [obj({ a: { type: "string", maxLength: 10 } }), obj({ a: { type: "string", maxLength: 5 } })],
  "LIMIT-LOOSENED": [obj({ a: { type: "integer", minimum: 1 } }), obj({ a: { type: "integer", minimum: 0 } })],
  "PATTERN-ADDED": [obj({ a: str }), obj({ a: { type: "string", pattern: "^[a-z]+$" } })],
  "PATTERN-REMOVED": [obj({ a: { type: "string", pattern: "^[a-z]+$" } }), obj({ a: str })],
  "PATTERN-CHANGED": [obj({ a: { type: "string", pattern: "^[a-z]+$" } }), obj({ a: { type: "string", pattern: "^[a-z0-9]+$" } })],
  "FORMAT-ADDED": [obj({ a: str }), obj({ a: { type: "string", format: "uri" } })],
  "FORMAT-REMOVED": [obj({ a: { type: "string", format: "uri" } }), obj({ a: str })],
  "FORMAT-CHANGED": [obj({ a: { type: "string", format: "uri" } }), obj({ a: { type: "string", format: "date-time" } })],
  "ADDITIONAL-PROPERTIES-CLOSED": [obj({ a: str }), obj({ a: str }, [], { additionalProperties: false })],
  "ADDITIONAL-PROPERTIES-OPENED": [obj({ a: str }, [], { additionalProperties: false }), obj({ a: str })],
  "VARIANT-ADDED": [obj({ a: { oneOf: [str, { type: "integer" }] } }), obj({ a: { oneOf: [str, { type: "integer" }, { type: "array", items: str }] } })],
  "VARIANT-REMOVED": [obj({ a: { oneOf: [str, { type: "integer" }] } }), obj({ a: { oneOf: [str] } })],
  "DEFAULT-CHANGED": [obj({ a: { type: "integer", default: 1 } }), obj({ a: { type: "integer", default: 2 } })],
};

/** Rows that exist in one direction only, or anywhere: [direction, old, new]. */
const SINGLE_SCHEMA_ROWS: Record<string, [Direction, Schema, Schema]> = {
  "RES-ENUM-VALUE-ADDED-OPEN": [
    "response",
    obj({ a: { type: "string", enum: ["x"], "x-lis-open-enum": true } }),
    obj({ a: { type: "string", enum: ["x", "y"], "x-lis-open-enum": true } }),
  ],
  "DESCRIPTION-CHANGED": ["request", obj({ a: { type: "string", description: "old words" } }), obj({ a: { type: "string", description: "new words" } })],
  "DEFAULT-ADDED": ["request", obj({ a: { type: "integer" } }), obj({ a: { type: "integer", default: 3 } })],
  "DEPRECATED-ADDED": ["request", obj({ a: str }), obj({ a: { type: "string", deprecated: true, "x-lis-deprecated-in": "1.1" } })],
  "DEPRECATED-REMOVED": ["response", obj({ a: { type: "string", deprecated: true } }), obj({ a: str })],
  "EXTENSION-CHANGED": ["response", obj({ a: { type: "string", "x-vendor-hint": 1 } }), obj({ a: { type: "string", "x-vendor-hint": 2 } })],
};

const get = (responses: Record<string, unknown> = { "200": ok() }, extra: Record<string, unknown> = {}) => ({ get: { responses, ...extra } });
const post = (requestBody: unknown, responses: Record<string, unknown> = { "200": ok() }) => ({ post: { ...(requestBody ? { requestBody } : {}), responses } });
const body = (required: boolean, types: string[] = ["application/json"]) => ({ required, content: Object.fromEntries(types.map((t) => [t, { schema: { type: "object" } }])) });
const param = (name: string, required: boolean, where = "query") => ({ name, in: where, required, schema: { type: "string" } });
const withParams = (...parameters: unknown[]) => api({ "/things": get(undefined, { parameters }) });
const withHeaders = (headers: Record<string, unknown>) => api({ "/things": get({ "200": { ...ok(), headers } }) });
const oa = (openapi: unknown): FixtureSide => ({ openapi });

const OPERATION_ROWS: Array<[string, Direction, FixtureSide, FixtureSide]> = [
  ["OP-PATH-ADDED", "endpoint", oa(api({ "/a": get() })), oa(api({ "/a": get(), "/b": get() }))],
  ["OP-PATH-REMOVED", "endpoint", oa(api({ "/a": get(), "/b": get() })), oa(api({ "/a": get() }))],
  ["OP-METHOD-ADDED", "endpoint", oa(api({ "/a": get() })), oa(api({ "/a": { ...get(), ...post(body(true)) } }))],
  ["OP-METHOD-REMOVED", "endpoint", oa(api({ "/a": { ...get(), ...post(body(true)) } })), oa(api({ "/a": get() }))],
  ["REQ-PARAM-ADDED-REQUIRED", "request", oa(withParams()), oa(withParams(param("q", true)))],
  ["REQ-PARAM-ADDED-OPTIONAL", "request", oa(withParams()), oa(withParams(param("q", false)))],
  ["REQ-PARAM-REMOVED", "request", oa(withParams(param("q", false))), oa(withParams())],
  ["REQ-PARAM-BECAME-REQUIRED", "request", oa(withParams(param("q", false))), oa(withParams(param("q", true)))],
  ["REQ-PARAM-BECAME-OPTIONAL", "request", oa(withParams(param("X-Trace", true, "header"))), oa(withParams(param("x-trace", false, "header")))],
  ["REQ-BODY-ADDED-REQUIRED", "request", oa(api({ "/a": post(undefined) })), oa(api({ "/a": post(body(true)) }))],
  ["REQ-BODY-ADDED-OPTIONAL", "request", oa(api({ "/a": post(undefined) })), oa(api({ "/a": post(body(false)) }))],
  ["REQ-BODY-REMOVED", "request", oa(api({ "/a": post(body(true)) })), oa(api({ "/a": post(undefined) }))],
  ["REQ-BODY-BECAME-REQUIRED", "request", oa(api({ "/a": post(body(false)) })), oa(api({ "/a": post(body(true)) }))],
  ["REQ-BODY-BECAME-OPTIONAL", "request", oa(api({ "/a": post(body(true)) })), oa(api({ "/a": post(body(false)) }))],
  ["REQ-SECURITY-TIGHTENED", "request", oa(api({ "/a": get() })), oa(api({ "/a": get() }, { security: [{ ApiKey: [] }] }))],
  ["REQ-SECURITY-LOOSENED", "request", oa(api({ "/a": get() }, { security: [{ ApiKey: [] }] })), oa(api({ "/a": get(undefined, { security: [{ ApiKey: [] }, { OAuth: ["read"] }] }) }, { security: [{ ApiKey: [] }] }))],
  ["REQ-MEDIA-TYPE-ADDED", "request", oa(api({ "/a": post(body(true)) })), oa(api({ "/a": post(body(true, ["application/json", "application/x-ndjson"])) }))],
  ["REQ-MEDIA-TYPE-REMOVED", "request", oa(api({ "/a": post(body(true, ["application/json", "text/plain"])) })), oa(api({ "/a": post(body(true, ["Application/JSON; charset=utf-8"])) }))],
  ["RES-STATUS-ADDED-SUCCESS", "response", oa(api({ "/a": get({ "200": ok() }) })), oa(api({ "/a": get({ "200": ok(), "202": ok() }) }))],
  ["RES-STATUS-ADDED-ERROR", "response", oa(api({ "/a": get({ "200": ok() }) })), oa(api({ "/a": get({ "200": ok(), "429": error }) }))],
  ["RES-STATUS-REMOVED-SUCCESS", "response", oa(api({ "/a": get({ "200": ok(), "201": ok(), "400": error }) })), oa(api({ "/a": get({ "200": ok(), "400": error }) }))],
  ["RES-STATUS-REMOVED-ERROR", "response", oa(api({ "/a": get({ "200": ok(), "default": error }) })), oa(api({ "/a": get({ "200": ok() }) }))],
  ["RES-MEDIA-TYPE-ADDED", "response", oa(api({ "/a": get({ "200": ok() }) })), oa(api({ "/a": get({ "200": { description: "ok", content: { "application/json": { schema: { type: "object" } }, "text/event-stream": { schema: { type: "string" } } } } }) }))],
  ["RES-MEDIA-TYPE-REMOVED", "response", oa(api({ "/a": get({ "200": { description: "ok", content: { "text/plain": { schema: str } } } }) })), oa(api({ "/a": get({ "200": { description: "ok", content: {} } }) }))],
  ["RES-HEADER-ADDED", "response", oa(withHeaders({})), oa(withHeaders({ "LIS-Version": { schema: str } }))],
  ["RES-HEADER-REMOVED", "response", oa(withHeaders({ "x-request-id": { schema: str } })), oa(withHeaders({}))],
  ["SCHEMA-ADDED", "response", { folder: { "model.schema.json": obj({ id: str }) } }, { folder: { "model.schema.json": obj({ id: str }), "model-list.schema.json": obj({ data: { type: "array", items: { $ref: "model.schema.json" } } }) } }],
  ["SCHEMA-REMOVED", "request", { folder: { "a.schema.json": obj({}), "thing-request.schema.json": obj({ id: str }) } }, { folder: { "a.schema.json": obj({}) } }],
];

function schemaFixtures(): RowFixture[] {
  const out: RowFixture[] = [];
  for (const [kind, [oldSchema, newSchema]] of Object.entries(SCHEMA_PAIRS)) {
    out.push({ row: `REQ-${kind}`, direction: "request", old: oa(inRequest(oldSchema)), new: oa(inRequest(newSchema)) });
    out.push({ row: `RES-${kind}`, direction: "response", old: oa(inResponse(oldSchema)), new: oa(inResponse(newSchema)) });
  }
  for (const [row, [direction, oldSchema, newSchema]] of Object.entries(SINGLE_SCHEMA_ROWS)) {
    const wrap = direction === "request" ? inRequest : inResponse;
    out.push({ row, direction, old: oa(wrap(oldSchema)), new: oa(wrap(newSchema)) });
  }
  return out;
}

export const ROW_FIXTURES: RowFixture[] = [
  ...OPERATION_ROWS.map(([row, direction, o, n]) => ({ row, direction, old: o, new: n })),
  ...schemaFixtures(),
];
