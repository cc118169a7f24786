import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDocuments } from "../../tools/diff/diff.js";
import { loadSide } from "../../tools/diff/load.js";
import { schemaDir } from "../../tools/util/paths.js";

const folder = schemaDir("1.0");
const ready = ["usage.schema.json", "chat-completion-request.schema.json", "openapi.yaml"].every((f) => existsSync(join(folder, f)));

/** LIS's own schema folder (schemas + openapi.yaml) against a copy with two known edits. */
describe.skipIf(!ready)("lis diff on schemas/1.0", () => {
  let copy: string;
  const edit = (name: string, change: (schema: Record<string, any>) => void) => {
    const path = join(copy, name);
    const schema = JSON.parse(readFileSync(path, "utf8"));
    change(schema);
    writeFileSync(path, JSON.stringify(schema, null, 2));
  };

  beforeAll(() => {
    copy = join(mkdtempSync(join(tmpdir(), "lis-diff-schemas-")), "1.0");
    cpSync(folder, copy, { recursive: true });
    edit("usage.schema.json", (s) => {
      delete s.properties.total_tokens;
      s.required = s.required.filter((n: string) => n !== "total_tokens");
      s.properties.lis_unmarked = { type: "integer" };
    });
    edit("chat-completion-request.schema.json", (s) => {
      s.properties.lis_diff_probe = { type: "string", "x-lis-added-in": "1.1" };
    });
    // The chunk schema is reached only through the stream's x-lis-event-schema.
    edit("chat-completion-chunk.schema.json", (s) => {
      s.required = s.required.filter((n: string) => n !== "model");
    });
    // A new schema file that only the request refers to is request-side.
    writeFileSync(join(copy, "lis-probe-effort.schema.json"), JSON.stringify({ $id: "https://lis-spec.org/schemas/1.0/lis-probe-effort.schema.json", "x-lis-added-in": "1.1", enum: ["a"] }));
    edit("chat-completion-request.schema.json", (s) => {
      s.properties.lis_probe_effort = { $ref: "lis-probe-effort.schema.json", "x-lis-added-in": "1.1" };
    });
    const api = join(copy, "openapi.yaml");
    writeFileSync(api, readFileSync(api, "utf8").replace(/x-lis-version: "1\.0"/, 'x-lis-version: "1.9"'));
  });
  afterAll(() => rmSync(join(copy, ".."), { recursive: true, force: true }));

  it("finds no change between the folder and itself", () => {
    const result = diffDocuments(loadSide(folder), loadSide(folder));
    expect(result.changes).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("reports exactly the edits (also in the stream's event schema, and the document's claimed version), each in the direction the OpenAPI document uses the schema in", () => {
    const result = diffDocuments(loadSide(folder), loadSide(copy));
    expect(result.changes.map((c) => [c.row, c.direction, c.location])).toEqual([
      ["RES-PROPERTY-BECAME-OPTIONAL", "response", "chat-completion-chunk.schema.json#/properties/model"],
      ["RES-PROPERTY-REMOVED", "response", "usage.schema.json#/properties/total_tokens"],
      ["REQ-PROPERTY-ADDED-OPTIONAL", "request", "chat-completion-request.schema.json#/properties/lis_diff_probe"],
      ["REQ-PROPERTY-ADDED-OPTIONAL", "request", "chat-completion-request.schema.json#/properties/lis_probe_effort"],
      ["SCHEMA-ADDED", "request", "lis-probe-effort.schema.json#"],
      ["RES-PROPERTY-ADDED-OPTIONAL", "response", "usage.schema.json#/properties/lis_unmarked"],
      ["EXTENSION-CHANGED", "endpoint", "openapi.yaml#/x-lis-version"],
    ]);
    expect(result.changes.find((c) => c.row === "EXTENSION-CHANGED")?.message).toBe('x-lis-version changed: "1.0" → "1.9"');
    // The added member without x-lis-added-in is named (VER-016); the marked one is not.
    expect(result.warnings).toEqual(['usage.schema.json#/properties/lis_unmarked: optional member `lis_unmarked` added without "x-lis-added-in" (VER-016)']);
    expect(result.changes[0].usedAt.some((u) => u.startsWith("openapi.yaml#/paths/~1chat~1completions/post/responses/200"))).toBe(true);
  });
});
