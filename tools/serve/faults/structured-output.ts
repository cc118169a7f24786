/** Faults of spec/1.0/structured-output.md. */
import { invalidRequest } from "../http/errors.js";
import { compileClientSchema } from "../model/schema-check.js";
import { isContentChunk, isObj, lastUserText, onChoices, requestOn, type Json } from "../hooks/helpers.js";
import type { Chunk, FaultDefinition, ReplyContext } from "./types.js";

const formatOf = (ctx: ReplyContext): string | undefined => {
  const rf = ctx.request?.response_format;
  return isObj(rf) && typeof rf.type === "string" ? rf.type : undefined;
};
const isJsonFormat = (ctx: ReplyContext) => formatOf(ctx) === "json_object" || formatOf(ctx) === "json_schema";
const withContent = (c: Json, edit: (content: string) => string) =>
  isObj(c.message) && typeof c.message.content === "string" ? { ...c, message: { ...c.message, content: edit(c.message.content) } } : c;

/** Keywords outside the core set of structured-output.md that affect validity. */
const NON_CORE = ["pattern", "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "oneOf", "not", "uniqueItems", "minProperties", "maxProperties", "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "if", "then", "else", "contains", "minContains", "maxContains"];
const stripNonCore = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(stripNonCore);
  if (!isObj(schema)) return schema;
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !NON_CORE.includes(k)).map(([k, v]) => [k, stripNonCore(v)]));
};

/** The brackets and quote that would close a cut JSON text (what a "repairing" server appends). */
export function closers(text: string): string {
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") stack.push("}");
    else if (ch === "[") stack.push("]");
    else if (ch === "}" || ch === "]") stack.pop();
  }
  return (inString ? '"' : "") + stack.reverse().join("");
}

const mapJsonSchema = (body: Json, edit: (js: Json) => Json) =>
  isObj(body.response_format) && body.response_format.type === "json_schema" && isObj(body.response_format.json_schema)
    ? { ...body, response_format: { ...body.response_format, json_schema: edit(body.response_format.json_schema) } }
    : body;

export const structuredOutputFaults: FaultDefinition[] = [
  {
    clause: "STRUCT-001",
    description: "a response_format with an unknown type (or not an object) is accepted as text",
    transformRequest: requestOn("chat", (body) =>
      body.response_format != null && !(isObj(body.response_format) && ["text", "json_object", "json_schema"].includes(body.response_format.type)) ? { ...body, response_format: { type: "text" } } : body,
    ),
  },
  {
    clause: "STRUCT-002",
    description: "a json_schema without a valid `name` is accepted",
    transformRequest: requestOn("chat", (body) =>
      mapJsonSchema(body, (js) => (typeof js.name === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(js.name) ? js : { ...js, name: "response" })),
    ),
  },
  {
    clause: "STRUCT-003",
    description: "an invalid JSON Schema is accepted (the output is then any JSON object)",
    transformRequest: requestOn("chat", (body) =>
      mapJsonSchema(body, (js) => (isObj(js.schema) && typeof compileClientSchema(js.schema) === "string" ? { ...js, schema: { type: "object" } } : js)),
    ),
  },
  {
    clause: "STRUCT-004",
    description: "keywords outside the core set (pattern, format, minLength, minimum, ...) are silently ignored",
    transformRequest: requestOn("chat", (body) => mapJsonSchema(body, (js) => ({ ...js, schema: stripNonCore(js.schema) }))),
  },
  {
    clause: "STRUCT-005",
    description: "json_object and json_schema are rejected unless a message mentions JSON",
    transformRequest: requestOn("chat", (body) => {
      const type = isObj(body.response_format) ? body.response_format.type : undefined;
      if ((type === "json_object" || type === "json_schema") && !/json/i.test(lastUserText(body))) {
        throw invalidRequest("'messages' must contain the word 'json' in some form to use 'response_format' of type 'json_object'.", "messages");
      }
      return body;
    }),
  },
  {
    clause: "STRUCT-006",
    description: "json_schema output is wrapped in an array, so it does not validate against the schema",
    transformBody: onChoices((c, ctx) => (formatOf(ctx) === "json_schema" && c.finish_reason === "stop" ? withContent(c, (t) => `[${t}]`) : c)),
  },
  {
    clause: "STRUCT-007",
    description: "json_object output is a JSON string (the object serialised once more), not an object",
    transformBody: onChoices((c, ctx) => (formatOf(ctx) === "json_object" && c.finish_reason === "stop" ? withContent(c, (t) => JSON.stringify(t)) : c)),
  },
  {
    clause: "STRUCT-008",
    description: "JSON output is wrapped in a Markdown code fence",
    transformBody: onChoices((c, ctx) => (isJsonFormat(ctx) ? withContent(c, (t) => `\`\`\`json\n${t}\n\`\`\``) : c)),
  },
  {
    clause: "STRUCT-009",
    description: "JSON output cut by the token limit is repaired (its brackets closed) instead of left as generated",
    transformBody: onChoices((c, ctx) => (isJsonFormat(ctx) && c.finish_reason === "length" ? withContent(c, (t) => t + closers(t)) : c)),
  },
  {
    clause: "STRUCT-010",
    description: "streamed JSON output is wrapped in a Markdown code fence (non-streamed output is not)",
    transformChunks: (chunks: Chunk[], ctx) => {
      if (!isJsonFormat(ctx)) return chunks;
      let opened = false;
      return chunks.flatMap((c) => {
        if (isContentChunk(c) && !opened) {
          opened = true;
          return [{ ...c, choices: c.choices.map((ch) => ({ ...ch, delta: { ...(ch.delta as Json), content: `\`\`\`json\n${(ch.delta as Json).content}` } })) }];
        }
        const fin = c.choices.find((ch) => ch.finish_reason != null);
        return fin && opened ? [{ ...c, choices: [{ index: fin.index, delta: { content: "\n```" }, logprobs: null, finish_reason: null }] }, c] : [c];
      });
    },
  },
  {
    clause: "STRUCT-012",
    description: "with a JSON response_format the tools are dropped, so the model answers JSON instead of calling a tool",
    transformRequest: requestOn("chat", (body) => {
      const type = isObj(body.response_format) ? body.response_format.type : undefined;
      if (type !== "json_object" && type !== "json_schema") return body;
      const { tools: _, tool_choice: __, parallel_tool_calls: ___, ...rest } = body;
      return rest;
    }),
  },
  {
    clause: "STRUCT-013",
    description: "a schema whose root is not an object is rejected with code invalid_value instead of served or rejected unsupported_value",
    transformRequest: requestOn("chat", (body) => {
      const js = isObj(body.response_format) ? body.response_format.json_schema : undefined;
      if (isObj(js) && isObj(js.schema) && js.schema.type !== undefined && js.schema.type !== "object") {
        throw invalidRequest("The root of the schema must be an object.", "response_format.json_schema.schema", "invalid_value");
      }
      return body;
    }),
  },
];
