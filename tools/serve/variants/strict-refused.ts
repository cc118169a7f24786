import { unsupportedValue } from "../http/errors.js";
import { isObj } from "../hooks/helpers.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const strictRefused: VariantDefinition = {
  name: "strict-refused",
  description: "tools with strict: true are refused with 400 unsupported_value (a server that cannot guarantee valid arguments)",
  allowedBy: [{ clause: "TOOL-013", quote: "a server that cannot guarantee this MUST reject `strict: true` with status 400, `param` `tools[i].function.strict` and `code` `unsupported_value`" }],
  transformRequest: refuseValid("chat", (body) => {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    const i = tools.findIndex((t: unknown) => isObj(t) && isObj(t.function) && t.function.strict === true);
    if (i !== -1) throw unsupportedValue("This server cannot guarantee schema-valid arguments; 'strict' must be false.", `tools[${i}].function.strict`);
  }),
};
