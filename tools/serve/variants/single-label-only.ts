import { unsupportedValue } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const singleLabelOnly: VariantDefinition = {
  name: "single-label-only",
  description: "multi_label: true is refused with 400 unsupported_value (a softmax classifier head)",
  allowedBy: [{ clause: "CLS-005", quote: "A server that does not support multi-label classification MUST reject `multi_label: true` with status 400, `param` `multi_label` and code `unsupported_value`." }],
  transformRequest: refuseValid("classifications", (body) => {
    if (body.multi_label === true) throw unsupportedValue("This model assigns one label per input; 'multi_label' must be false.", "multi_label");
  }),
};
