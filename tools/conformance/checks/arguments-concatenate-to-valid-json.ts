import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf, isObject, requestBody } from "./util.js";
import { firstSchemaError, validatorFor } from "./schema-compiler.js";

export const argumentsConcatenateToValidJson: CheckDefinition = {
  name: "argumentsConcatenateToValidJson",
  description:
    "Each tool call's arguments (for a stream: its fragments concatenated in order) is a string holding a JSON object valid against the parameters schema of the tool it names in the request. Choices cut by `length` are exempt; `requireCall` demands at least one call; `validate: false` checks only the form (a string that parses to an object); validating skips calls of another form or to undeclared tools.",
  args: { type: "object", additionalProperties: false, properties: { requireCall: { type: "boolean" }, validate: { type: "boolean" } } },
  run(args, ctx) {
    const tools = Array.isArray(requestBody(ctx).tools) ? (requestBody(ctx).tools as unknown[]).filter(isObject) : [];
    const paramsOf = (name: unknown) => {
      const tool = tools.find((t) => isObject(t.function) && t.function.name === name);
      return tool && isObject(tool.function) ? tool.function.parameters ?? { type: "object" } : undefined;
    };
    let calls = 0;
    for (const choice of choicesOf(ctx)) {
      if (choice.finishReason === "length") continue;
      for (const [i, call] of choice.toolCalls.entries()) {
        calls++;
        const where = `choice ${choice.index}, tool call ${i}`;
        // Validating judges only well-formed calls to declared tools: the form of `arguments` is judged with
        // `validate: false` (TOOL-012, TOOL-020), undeclared names by TOOL-011.
        const judgeForm = args.validate === false;
        if (typeof call.arguments !== "string") {
          if (judgeForm) return fail(`${where}: arguments is not a string`, "a JSON string", show(call.arguments));
          continue;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(call.arguments);
        } catch (err) {
          if (judgeForm) return fail(`${where}: arguments do not parse as JSON (${(err as Error).message})`, "a JSON object text", show(call.arguments));
          continue;
        }
        if (!isObject(parsed)) {
          if (judgeForm) return fail(`${where}: arguments are JSON but not an object`, "a JSON object", show(parsed));
          continue;
        }
        if (judgeForm) continue;
        const schema = paramsOf(call.name);
        if (schema === undefined) continue;
        const v = validatorFor(schema);
        if (v instanceof Error) return fail(`${where}: the tool's parameters schema does not compile (${v.message})`);
        if (!v(parsed)) return fail(`${where}: arguments not valid against ${show(call.name)}'s parameters: ${firstSchemaError(v)}`, "valid against the parameters schema", show(parsed));
      }
    }
    if (args.requireCall && calls === 0) return fail("no tool call in any choice", "at least one tool call", "none");
    if (calls === 0) return vacuous("no tool call to judge");
    return pass();
  },
};
