import { isObj, onSuccess, type Json } from "../hooks/helpers.js";
import type { ServedModel } from "../models.js";
import type { VariantDefinition } from "./types.js";

const SUCCESSOR = "lis-tiny-next";
const DAY = 86_400;

export const modelDeprecated: VariantDefinition = {
  name: "model-deprecated",
  description: `the model is deprecated: its lis.deprecation names a date 120 days ahead and the replacement "${SUCCESSOR}", which is listed and served`,
  allowedBy: [
    { clause: "META-005", quote: "When `lis.deprecation` is not `null`, `deprecated_at` MUST be a Unix time in whole seconds and `replacement` MUST be `null` or the id of a model in `GET /models`." },
    { doc: "model-metadata.md", quote: "`deprecated_at` (Unix seconds: from when the model is deprecated; may lie in the future)" },
  ],
  models: (served) => {
    const listed: ServedModel[] = served.length > 0 ? [...served, { ...served[0], id: SUCCESSOR }] : served;
    return { listed, accepted: listed };
  },
  transformBody: onSuccess(["models", "model"], (body) => {
    const deprecate = (m: Json) => (m.id !== SUCCESSOR && isObj(m.lis) && m.lis.kind !== "fine-tuned" ? { ...m, lis: { ...m.lis, deprecation: { deprecated_at: Math.floor(Date.now() / 1000 / DAY) * DAY + 120 * DAY, replacement: SUCCESSOR } } } : m);
    return Array.isArray(body.data) ? { ...body, data: body.data.map(deprecate) } : deprecate(body);
  }),
};
