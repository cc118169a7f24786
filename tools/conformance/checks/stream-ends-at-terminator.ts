import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";

export const streamEndsAtTerminator: CheckDefinition = {
  name: "streamEndsAtTerminator",
  description:
    "On the wire, the stream's body ends with the event `data: [DONE]` (or `terminator`) followed by a blank line, and nothing — no event, comment or keep-alive — comes after it.",
  args: { type: "object", additionalProperties: false, properties: { terminator: { type: "string" } } },
  run(args, ctx) {
    if (!ctx.response.events) return fail("the response is not a stream");
    const terminator = `data: ${(args.terminator as string | undefined) ?? "[DONE]"}`;
    const text = ctx.response.bodyText.replace(/\r\n?/g, "\n");
    const at = text.indexOf(`${terminator}\n`);
    if (at === -1 || (at > 0 && text[at - 1] !== "\n")) return fail(`the stream has no \`${terminator}\` event`, terminator, show(text.slice(-80)));
    const after = text.slice(at + terminator.length);
    if (after !== "\n\n") {
      return after.startsWith("\n\n")
        ? fail(`the server sent more after \`${terminator}\``, "nothing after the terminator's blank line", show(after.slice(2), 80))
        : fail(`\`${terminator}\` is not followed by a blank line`, `${terminator} + blank line`, show(after, 80));
    }
    return pass();
  },
};
