import type { CheckDefinition } from "./types.js";
import { fail, pass, show, vacuous } from "./types.js";
import { isObject } from "./util.js";

export const errorEnvelope: CheckDefinition = {
  name: "errorEnvelope",
  description:
    "A response with status 400 or above carries a JSON body that is an error envelope: an object whose `error` is an object. Below 400 there is nothing to judge (an accepted request is another clause's matter).",
  run(_args, ctx) {
    if (ctx.response.status < 400) return vacuous(`status ${ctx.response.status}: not an error response`);
    const body = ctx.response.json;
    if (!isObject(body) || !isObject(body.error)) {
      return fail(`status ${ctx.response.status} without an error envelope`, '{"error": {…}} as JSON', body === undefined ? `${ctx.response.headers["content-type"] ?? "no Content-Type"}: ${show(ctx.response.bodyText, 100)}` : show(body, 100));
    }
    return pass();
  },
};
