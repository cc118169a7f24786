import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { diffDocuments } from "../../tools/diff/diff.js";
import { loadSide } from "../../tools/diff/load.js";
import { runCli } from "../support/cli.js";
import { fixturePath, hasSharedFixtures } from "../support/shared-fixtures.js";

/** OpenAI's published definition against a copy with four known edits, made here in a temp dir. */
describe.skipIf(!hasSharedFixtures)("lis diff on OpenAI's OpenAPI document", () => {
  const original = fixturePath("third-party", "openai-openapi.yaml");
  let dir: string;
  let modified: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "lis-diff-openai-"));
    const doc = YAML.parse(readFileSync(original, "utf8"));
    const schemas = doc.components.schemas;
    // 1. a response member removed
    expect(schemas.CreateChatCompletionResponse.properties.system_fingerprint).toBeDefined();
    delete schemas.CreateChatCompletionResponse.properties.system_fingerprint;
    // 2. a required request member added
    schemas.CreateEmbeddingRequest.properties.lis_policy = { type: "string" };
    schemas.CreateEmbeddingRequest.required.push("lis_policy");
    // 3. a request enum narrowed
    expect(schemas.CreateEmbeddingRequest.properties.encoding_format.enum).toEqual(["float", "base64"]);
    schemas.CreateEmbeddingRequest.properties.encoding_format.enum = ["float"];
    // 4. an optional request member added (inside an allOf member)
    schemas.CreateChatCompletionRequest.allOf[1].properties.lis_hint = { type: "string" };
    modified = join(dir, "openai-modified.json");
    writeFileSync(modified, JSON.stringify(doc));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports exactly the four edits, each classified by its row and direction", () => {
    const result = diffDocuments(loadSide(original), loadSide(modified));
    expect(result.changes.map((c) => [c.row, c.classification, c.direction, c.location])).toEqual([
      ["REQ-ENUM-VALUE-REMOVED", "breaking", "request", "#/components/schemas/CreateEmbeddingRequest/properties/encoding_format/enum"],
      ["REQ-PROPERTY-ADDED-REQUIRED", "breaking", "request", "#/components/schemas/CreateEmbeddingRequest/properties/lis_policy"],
      ["RES-PROPERTY-REMOVED", "breaking", "response", "#/components/schemas/CreateChatCompletionResponse/properties/system_fingerprint"],
      ["REQ-PROPERTY-ADDED-OPTIONAL", "non-breaking", "request", "#/components/schemas/CreateChatCompletionRequest/allOf/1/properties/lis_hint"],
    ]);
    expect(result.changes[0].usedAt).toEqual(["#/paths/~1embeddings/post/requestBody/content/application~1json/schema"]);
    expect(result.changes[2].usedAt).toContain("#/paths/~1chat~1completions/post/responses/200/content/application~1json/schema");
    expect(result.warnings).toEqual([]);
  });

  it("finds no change between the document and itself (exit 0), and exits 1 on the modified copy", () => {
    const same = runCli(["diff", original, original, "--format", "json"]);
    expect(same.stderr).toBe("");
    expect(JSON.parse(same.stdout).changes).toEqual([]);
    expect(same.status).toBe(0);
    const changed = runCli(["diff", original, modified, "--format", "json"]);
    expect(changed.status).toBe(1);
    expect(JSON.parse(changed.stdout).summary).toMatchObject({ breaking: 3, "non-breaking": 1 });
  });
});
