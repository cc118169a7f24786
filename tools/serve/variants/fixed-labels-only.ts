import { unsupportedValue } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const fixedLabelsOnly: VariantDefinition = {
  name: "fixed-labels-only",
  description: "request labels (zero-shot) are refused with 400 unsupported_value: the model classifies into its declared lis.labels only (vLLM /classify)",
  allowedBy: [{ clause: "CLS-006", quote: "a server whose model cannot classify against request-supplied labels MUST reject the request with status 400, `param` `labels` and code `unsupported_value`" }],
  transformRequest: refuseValid("classifications", (body) => {
    if (body.labels != null) throw unsupportedValue("This model classifies into its own labels (see lis.labels of the model); remove 'labels'.", "labels");
  }),
};
