import { unsupportedValue } from "../http/errors.js";
import { isObj } from "../hooks/helpers.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

/** structured-output.md's core keywords and annotations: everything else is refused. */
const CORE = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs", "minItems", "maxItems"]);
const ANNOTATIONS = new Set(["title", "description", "$comment", "examples", "default", "$schema", "$id"]);
/** Keywords whose value is a map of names to schemas, not a schema. */
const MAPS = new Set(["properties", "$defs"]);

/** The first keyword outside the core set, anywhere in the schema (values of `enum`, `const`, … are data, not schemas). */
function otherKeyword(schema: unknown): string | undefined {
  if (!isObj(schema)) return undefined;
  for (const [k, v] of Object.entries(schema)) {
    if (!CORE.has(k) && !ANNOTATIONS.has(k)) return k;
    if (MAPS.has(k) && isObj(v)) for (const s of Object.values(v)) {
      const found = otherKeyword(s);
      if (found) return found;
    }
    if (k === "items" || k === "additionalProperties") {
      const found = otherKeyword(v);
      if (found) return found;
    }
    if (k === "anyOf" && Array.isArray(v)) for (const s of v) {
      const found = otherKeyword(s);
      if (found) return found;
    }
  }
  return undefined;
}

export const coreKeywordsOnly: VariantDefinition = {
  name: "core-keywords-only",
  description: "a response_format schema that uses any keyword beyond the core set (pattern, format, minLength, minimum, oneOf, …) is refused with 400 unsupported_value",
  allowedBy: [{ clause: "STRUCT-004", quote: "the server MUST either enforce it or reject the request with status 400, `code` `unsupported_value` and `param` `response_format.json_schema.schema`" }],
  transformRequest: refuseValid("chat", (body) => {
    const format = body.response_format;
    if (!isObj(format) || format.type !== "json_schema" || !isObj(format.json_schema)) return;
    const keyword = otherKeyword(format.json_schema.schema);
    if (keyword) throw unsupportedValue(`This server enforces only the core JSON Schema keywords; '${keyword}' is not supported.`, "response_format.json_schema.schema");
  }),
};
