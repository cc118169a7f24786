import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffDocuments } from "../../tools/diff/diff.js";
import { docSetFromObjects } from "../../tools/diff/refs.js";

/** Arbitrary schemas over the keywords lis diff reads, with `$ref`s into a small components section (cycles included). */
const { schema } = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<unknown>(true, {}, { type: "string" }, { type: "integer", minimum: 0 }, { type: ["string", "null"] }),
    fc.record({ $ref: fc.constantFrom("#/components/schemas/A", "#/components/schemas/B", "#/components/schemas/Missing", "https://example.invalid/x.json") }),
    fc.record(
      {
        type: fc.constantFrom("object", "string", "number", "array"),
        properties: fc.dictionary(fc.constantFrom("a", "b", "c"), tie("schema"), { maxKeys: 3 }),
        required: fc.subarray(["a", "b", "c"]),
        enum: fc.array(fc.constantFrom("x", "y", 1, null), { maxLength: 3 }),
        maxLength: fc.nat(5),
        pattern: fc.constantFrom("^a$", "^b$"),
        additionalProperties: fc.oneof(fc.boolean(), tie("schema")),
        items: tie("schema"),
        nullable: fc.boolean(),
        default: fc.constantFrom(1, "x"),
        description: fc.constantFrom("one", "two"),
        deprecated: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.record({ oneOf: fc.array(tie("schema"), { maxLength: 3 }) }),
    fc.record({ anyOf: fc.array(tie("schema"), { maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie("schema"), { maxLength: 2 }) }),
  ),
}));

const documentOf = (body: unknown, response: unknown, a: unknown, b: unknown) =>
  docSetFromObjects(
    {
      "openapi.json": {
        openapi: "3.1.0",
        info: { title: "p", version: "1" },
        paths: {
          "/x": {
            post: {
              requestBody: { content: { "application/json": { schema: body } } },
              responses: { "200": { description: "ok", content: { "application/json": { schema: response } } } },
            },
          },
        },
        components: { schemas: { A: a, B: b } },
      },
    },
    { openapi: "openapi.json" },
  );

const side = fc.tuple(schema, schema, schema, schema);

describe("lis diff on arbitrary schemas", () => {
  it("finds no change between a document and an identical copy", () => {
    fc.assert(
      fc.property(side, ([body, response, a, b]) => {
        const copy = structuredClone([body, response, a, b]);
        expect(diffDocuments(documentOf(body, response, a, b), documentOf(...copy)).changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("terminates on any pair, and every change names a known row, a direction and a location", () => {
    fc.assert(
      fc.property(side, side, (x, y) => {
        const result = diffDocuments(documentOf(...x), documentOf(...y));
        for (const change of result.changes) {
          expect(change.row).toMatch(/^[A-Z-]+$/);
          expect(["request", "response", "endpoint"]).toContain(change.direction);
          expect(change.location).toMatch(/#/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
