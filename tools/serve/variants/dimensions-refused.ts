import { ApiError } from "../http/errors.js";
import { refuseValid } from "./validated.js";
import type { VariantDefinition } from "./types.js";

export const dimensionsRefused: VariantDefinition = {
  name: "dimensions-refused",
  description: "any dimensions member is refused with 400 unsupported_parameter (a model that cannot shorten its vectors)",
  allowedBy: [{ clause: "EMB-017", quote: "`code` `unsupported_parameter` when the model cannot shorten vectors at all" }],
  transformRequest: refuseValid("embeddings", (body) => {
    if (body.dimensions != null) throw new ApiError(400, "This model cannot shorten its vectors; remove 'dimensions'.", "invalid_request_error", "dimensions", "unsupported_parameter");
  }),
};
