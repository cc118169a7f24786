// What the build precompiles for a run besides the case suite: request schemas as standalone validators and
// the suite's YAML data files as JSON. Each must give exactly what compiling / parsing at run time gives.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { firstSchemaError, precompiledInlineValidators } from "../../tools/conformance/checks/schema-compiler.js";
import { parseYaml, recordYamlData } from "../../tools/conformance/yaml-data.js";
import { conformanceDir } from "../../tools/util/paths.js";

const require = createRequire(import.meta.url);

describe("precompiled request schemas", () => {
  const schemas = [
    { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city"], additionalProperties: false },
    { type: "array", items: { enum: ["a", "b"] }, maxItems: 2 },
    { $id: "https://example.test/s.json", type: "object" }, // left out: run-time compilation shares one instance
    { type: "nonsense" }, // left out: does not compile
  ];
  const file = join(mkdtempSync(join(tmpdir(), "lis-inline-")), "inline.cjs");
  writeFileSync(file, precompiledInlineValidators(schemas));
  const mod = require(file) as Record<string, (d: unknown) => boolean> & { __lisKeys: Record<string, string> };

  it("holds the compilable schemas without $id, keyed by their JSON text", () => {
    expect(Object.keys(mod.__lisKeys).sort()).toEqual([JSON.stringify(schemas[0]), JSON.stringify(schemas[1])].sort());
  });

  it("gives the verdicts and first errors of run-time compilation", () => {
    const ajv = new Ajv2020({ allErrors: false, strict: false, validateSchema: false });
    const docs = [{ city: "Oslo" }, { city: 3 }, { days: 0 }, { city: "x", days: 0 }, { city: "x", extra: 1 }, ["a"], ["a", "c"], ["a", "b", "a"], "text", null];
    for (const schema of schemas.slice(0, 2)) {
      const runtime = ajv.compile(schema);
      const pre = mod[mod.__lisKeys[JSON.stringify(schema)]] as unknown as typeof runtime;
      for (const doc of docs) {
        expect(pre(doc)).toBe(runtime(doc));
        if (!runtime(doc)) {
          pre(doc);
          expect(firstSchemaError(pre)).toBe(firstSchemaError(runtime));
        }
      }
    }
  });
});

describe("precompiled YAML data", () => {
  it("records the value of each text parsed, as the yaml package parses it", () => {
    const texts = [readFileSync(join(conformanceDir("1.0"), "response-schemas.yaml"), "utf8"), "a: 1\nb: [x, {c: true}]\n"];
    const table = JSON.parse(recordYamlData(() => texts.forEach(parseYaml))) as { values: Record<string, string> };
    expect(Object.values(table.values).map((j) => JSON.parse(j))).toEqual(expect.arrayContaining(texts.map((t) => parse(t))));
    expect(Object.keys(table.values)).toHaveLength(2);
  });

  it("leaves out values that JSON does not represent exactly, and parses as ever outside the table", () => {
    const table = JSON.parse(recordYamlData(() => parseYaml("limit: .inf\n"))) as { values: Record<string, string> };
    expect(table.values).toEqual({});
    expect(parseYaml("limit: .inf\n")).toEqual({ limit: Infinity });
    expect(() => parseYaml("a: [unclosed\n")).toThrow();
  });
});
