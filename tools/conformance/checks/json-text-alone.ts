import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { choicesOf } from "./util.js";

/** What a JSON text can start with, after whitespace (RFC 8259: a value). */
const JSON_START = /^\s*[[{"0-9tfn-]/;
/** What a whole JSON text can end with, before whitespace. */
const JSON_END = /[\]}"0-9el]\s*$/;

export const jsonTextAlone: CheckDefinition = {
  name: "jsonTextAlone",
  description:
    "Under json_object or json_schema, each choice's content (for a stream: concatenated) is the JSON text alone: no code fences, and it starts like a JSON text; a choice that finished with `stop` also ends like one. A choice cut by the token limit (`length`) may end anywhere (STRUCT-009), so only its start is judged.",
  run(_args, ctx) {
    const choices = choicesOf(ctx).filter((c) => typeof c.content === "string" && c.content !== "");
    if (choices.length === 0) return vacuous("no choice has content to judge");
    for (const c of choices) {
      const content = c.content as string;
      if (content.includes("```")) return fail(`choice ${c.index}: the content is wrapped in a code fence`, "the JSON text alone", show(content, 120));
      if (!JSON_START.test(content)) return fail(`choice ${c.index}: the content does not start like a JSON text`, "a JSON text alone (starting with {, [, \", a number, true, false or null)", show(content, 120));
      if (c.finishReason !== "length" && !JSON_END.test(content)) return fail(`choice ${c.index}: the content does not end like a JSON text (finish_reason ${show(c.finishReason)})`, "a JSON text alone, nothing after it", show(content.slice(-120), 120));
    }
    return pass();
  },
};
