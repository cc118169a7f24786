import { modelNotFound } from "../http/errors.js";
import type { ServedModel } from "../models.js";
import { modelMetadata } from "./model-metadata.js";
import type { EndpointContext, Reply } from "./types.js";

const modelObject = (m: ServedModel, ctx: EndpointContext) => ({ id: m.id, object: "model", created: m.created, owned_by: m.owned_by, lis: modelMetadata(m, ctx.spec) });

/** GET /v1/models */
export function listModels(ctx: EndpointContext): Reply {
  return { kind: "json", status: 200, body: { object: "list", data: ctx.models.map((m) => modelObject(m, ctx)) } };
}

/** GET /v1/models/{model} */
export function retrieveModel(ctx: EndpointContext): Reply {
  const id = ctx.params.model;
  const m = ctx.models.find((x) => x.id === id);
  if (!m) throw modelNotFound(id);
  return { kind: "json", status: 200, body: modelObject(m, ctx) };
}

/** The served model named by a request, or the 404. */
export function servedModel(ctx: EndpointContext, id: string): ServedModel {
  const m = ctx.accepted.find((x) => x.id === id);
  if (m) return m;
  throw modelNotFound(id);
}
