import type { CheckDefinition } from "./types.js";
import { fail, pass, show } from "./types.js";

export const sseEventFormat: CheckDefinition = {
  name: "sseEventFormat",
  description:
    "On the wire, every event is exactly one `data: ` line (one space after the colon) holding single-line JSON (or the terminator), ended by a blank line, with no `event:` field; comment lines (`:`) are allowed between events.",
  args: { type: "object", additionalProperties: false, properties: { terminator: { type: "string" } } },
  run(args, ctx) {
    const terminator = (args.terminator as string | undefined) ?? "[DONE]";
    if (!ctx.response.events) return fail("the response is not a stream");
    const blocks = ctx.response.bodyText.replace(/\r\n?/g, "\n").split(/\n\n/);
    let n = 0;
    for (const block of blocks) {
      const lines = block.split("\n").filter((l) => l !== "" && !l.startsWith(":"));
      if (lines.length === 0) continue;
      n++;
      if (lines.length !== 1) return fail(`event ${n} has ${lines.length} field lines`, "exactly one data line", show(block, 160));
      const line = lines[0];
      if (!line.startsWith("data: ")) return fail(`event ${n} is not written \`data: <json>\``, "data: followed by one space", show(line, 160));
      const data = line.slice(6);
      if (data === terminator) continue;
      // Every block so far was one data line, so block n is the n-th event the edge parsed: its parse is reused.
      const event = ctx.response.events[n - 1];
      if (event?.data === data ? event.json === undefined : !isJson(data)) return fail(`event ${n}'s data is not one line of JSON`, "JSON on a single line", show(data, 160));
    }
    return pass();
  },
};

/** For a block the edge did not dispatch as an event (the last one, unterminated). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
