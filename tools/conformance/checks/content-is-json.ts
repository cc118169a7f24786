import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf, isObject, requestBody } from "./util.js";
import { firstSchemaError, validatorFor } from "./schema-compiler.js";

export const contentIsJson: CheckDefinition = {
  name: "contentIsJson",
  description:
    "The content of every choice that finished with `stop` (for a stream: concatenated) is a single JSON text, nothing around it but whitespace (no code fences), valid against the request's response_format.json_schema.schema (json_schema) or an object (json_object).",
  run(_args, ctx) {
    const format = isObject(requestBody(ctx).response_format) ? (requestBody(ctx).response_format as Record<string, unknown>) : {};
    const schema = format.type === "json_schema" && isObject(format.json_schema) ? format.json_schema.schema : undefined;
    const choices = choicesOf(ctx).filter((c) => c.finishReason === "stop");
    if (choices.length === 0) return vacuous("no choice finished with stop (a cut answer need not be valid JSON)");
    for (const c of choices) {
      if (typeof c.content !== "string") return fail(`choice ${c.index}: content is not a string`, "a JSON text", show(c.content));
      let value: unknown;
      try {
        value = JSON.parse(c.content);
      } catch (err) {
        return fail(`choice ${c.index}: content is not a single JSON text (${(err as Error).message})`, "JSON alone", show(c.content, 160));
      }
      if (format.type === "json_object" && !isObject(value)) return fail(`choice ${c.index}: content is JSON but not an object`, "a JSON object", show(value, 120));
      if (schema !== undefined) {
        const v = validatorFor(schema);
        if (v instanceof Error) return fail(`the request's schema does not compile (${v.message})`);
        if (!v(value)) return fail(`choice ${c.index}: content not valid against the requested schema: ${firstSchemaError(v)}`, "valid against response_format.json_schema.schema", show(value, 160));
      }
    }
    return pass();
  },
};
