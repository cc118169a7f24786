import { isObj, type RepairRule } from "../rule.js";

/**
 * `response_format: {type: json_schema, json_schema: {schema}}` sent in the form the upstream applies:
 * llama.cpp's build of 2025-02 reads the schema of `json_schema` into a shadowed variable and generates
 * unconstrained text, but applies `{type: json_object, schema}` as a grammar (STRUCT-006).
 */
export const jsonSchemaAsJsonObject: RepairRule = {
  keyword: "json-schema-as-json-object",
  description: "send a json_schema response_format as {type: json_object, schema}",
  chatRequest(body) {
    const rf = body.response_format;
    if (!isObj(rf) || rf.type !== "json_schema" || !isObj(rf.json_schema)) return;
    body.response_format = { type: "json_object", schema: rf.json_schema.schema };
  },
};
