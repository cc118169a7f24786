/** Faults of the model object's `lis` member (spec/1.0/model-metadata.md): each breaks one META clause. */
import type { FaultDefinition, ReplyContext } from "./types.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rewrites the `lis` member of every model object of GET /models (or of GET /models/{model}, if `only`). */
const onMetadata = (edit: (lis: Json, model: Json) => Json, only?: "model") => (body: unknown, ctx: ReplyContext) => {
  if (ctx.status !== 200 || !isObject(body)) return body;
  const fix = (m: unknown) => (isObject(m) && isObject(m.lis) ? { ...m, lis: edit(m.lis, m) } : m);
  if (ctx.endpoint === "models" && only === undefined && Array.isArray(body.data)) return { ...body, data: body.data.map(fix) };
  if (ctx.endpoint === "model") return fix(body);
  return body;
};

export const MODEL_METADATA_FAULTS: readonly FaultDefinition[] = [
  {
    clause: "META-001",
    description: "model objects' lis member lacks context_length",
    transformBody: onMetadata(({ context_length: _dropped, ...rest }) => rest),
  },
  {
    clause: "META-002",
    // Only pre-trained models, so that fine-tuned models' lineage (FT area) stays intact.
    description: "pre-trained models name a base_model",
    transformBody: onMetadata((lis) => (lis.kind === "pre-trained" ? { ...lis, base_model: "lis-base" } : lis)),
  },
  {
    clause: "META-003",
    description: "GET /models/{model} reports another lis.version than the list",
    transformBody: onMetadata((lis) => ({ ...lis, version: `${String(lis.version)}-retrieved` }), "model"),
  },
  {
    clause: "META-004",
    description: "lis.profiles leaves out core although chat accepts the model",
    transformBody: onMetadata((lis) => ({ ...lis, profiles: (lis.profiles as string[]).filter((p) => p !== "core") })),
  },
  {
    clause: "META-005",
    description: "models are deprecated in favour of lis-tiny-2, which the server does not list",
    transformBody: onMetadata((lis) => ({ ...lis, deprecation: { deprecated_at: 1_798_761_600, replacement: "lis-tiny-2" } })),
  },
];
