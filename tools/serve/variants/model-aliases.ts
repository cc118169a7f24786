import { isObj, onSuccess } from "../hooks/helpers.js";
import type { ServedModel } from "../models.js";
import type { VariantDefinition } from "./types.js";

/** The dated snapshot that answers, and the alias; the served ids stay accepted as further aliases. */
const SNAPSHOT = "lis-tiny-2026-01-01";
const ALIAS = "lis-tiny-latest";

export const modelAliases: VariantDefinition = {
  name: "model-aliases",
  description: `the model is served under aliases: GET /models lists "${ALIAS}" and "${SNAPSHOT}" first, and every answer names the snapshot, whichever alias was asked for (OpenAI)`,
  allowedBy: [
    { doc: "models.md", quote: "it contains every model in one response, in no particular order" },
    { clause: "CHAT-032", quote: "`model` in the response MUST be a non-empty string equal either to the request's `model` or to the `id` of a model that `GET /models` lists" },
    { clause: "EMB-016", quote: "the requested id, or the id of the listed model that the requested id is an alias of" },
    { clause: "MODEL-006", quote: "MUST appear as the `id` of an entry of `GET /models`, including aliases" },
  ],
  models: (served) => {
    const base = served[0];
    const extra: ServedModel[] = base ? [{ ...base, id: ALIAS }, { ...base, id: SNAPSHOT }] : [];
    const listed = [...extra, ...served];
    return { listed, accepted: listed };
  },
  transformBody: onSuccess(["chat", "embeddings", "classifications"], (body) => (typeof body.model === "string" ? { ...body, model: SNAPSHOT } : body)),
  transformChunks: (chunks) => chunks.map((c) => (isObj(c) && typeof c.model === "string" ? { ...c, model: SNAPSHOT } : c)),
};
