import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";

/** A body is taken as meant to be JSON when it says so or looks so; an empty body or a stream is not judged. */
function meantAsJson(contentType: string | undefined, text: string): boolean {
  if (/json/i.test(contentType ?? "")) return true;
  return /^[\s\uFEFF]*[[{]/.test(text);
}

export const jsonBodyStrict: CheckDefinition = {
  name: "jsonBodyStrict",
  description:
    "A JSON response body is one strict RFC 8259 text: no byte order mark, no NaN/Infinity literals, nothing but whitespace after it (streams and empty bodies are not judged).",
  run(_args, ctx) {
    const { response } = ctx;
    if (response.events) return pass();
    const text = response.bodyText;
    if (text.trim() === "" || !meantAsJson(response.headers["content-type"], text)) return pass();
    if (text.startsWith("\uFEFF")) return fail("the body starts with a byte order mark", "JSON text without BOM", show(text.slice(0, 40)));
    // The HTTP edge parsed the body once, with JSON.parse, which is strict RFC 8259: its outcome is this check's.
    if (response.json !== undefined) return pass();
    const literal = /(?<![\w"])(-?Infinity|NaN)(?![\w"])/.exec(text);
    const why = literal ? `the body contains the non-JSON literal ${literal[1]}` : `the body is not one JSON text${response.jsonError ? `: ${response.jsonError}` : ""}`;
    return fail(why, "a strict RFC 8259 JSON text", show(text, 160));
  },
};
