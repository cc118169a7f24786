import type { CheckDefinition } from "./types.js";
import { fail, pass } from "./types.js";

/** Every piece of the key longer than four characters (HTTP-019 allows a four-character hint). */
function fragments(key: string, min = 5): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + min <= key.length; i++) out.add(key.slice(i, i + min));
  return out;
}

export const apiKeyNotEchoed: CheckDefinition = {
  name: "apiKeyNotEchoed",
  description:
    "No part of the presented API key longer than four characters appears in the response body or any response header. `key` names the presented key when it is not the run's (e.g. a wrong key the case sends); without an API key the check passes vacuously.",
  args: { type: "object", additionalProperties: false, properties: { key: { type: "string", minLength: 1 } } },
  run(args, ctx) {
    const key = (args.key as string | undefined) ?? ctx.apiKey;
    if (!key || key.length < 5) return pass();
    const places: [string, string][] = [["body", ctx.response.bodyText], ...Object.entries(ctx.response.headers).map(([k, v]) => [`header ${k}`, v] as [string, string])];
    for (const frag of fragments(key)) {
      const hit = places.find(([, text]) => text.includes(frag));
      if (hit) return fail(`the response ${hit[0]} contains ${key.length > 8 ? "a part of " : ""}the API key`, "no part of the key longer than 4 characters", `found in ${hit[0]}`);
    }
    return pass();
  },
};
