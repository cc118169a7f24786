import { unsupportedValue } from "../http/errors.js";
import { isObj } from "../hooks/helpers.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

const JSON_TYPES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);

export const objectRootOnly: VariantDefinition = {
  name: "object-root-only",
  description: "a response_format schema whose root is not an object schema is refused with 400 unsupported_value (OpenAI strict mode)",
  allowedBy: [{ clause: "STRUCT-013", quote: "or reject it with status 400, `code` `unsupported_value` and `param` `response_format.json_schema.schema`" }],
  transformRequest: refuseValid("chat", (body) => {
    const format = body.response_format;
    if (!isObj(format) || format.type !== "json_schema" || !isObj(format.json_schema) || !isObj(format.json_schema.schema)) return;
    // A root of another valid type, or without a type (an enum, a const, an anyOf); an invalid `type` is
    // left for validation to reject as invalid (STRUCT-003), as a real server checks validity first.
    const type = format.json_schema.schema.type;
    const otherRoot = type === undefined || (typeof type === "string" && JSON_TYPES.has(type) && type !== "object");
    if (otherRoot) throw unsupportedValue("The root of the schema must be an object schema ({\"type\": \"object\", …}).", "response_format.json_schema.schema");
  }),
};
