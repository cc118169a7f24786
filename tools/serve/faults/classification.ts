/** Faults of POST /classifications (spec/1.0/classification.md): each breaks exactly one CLS clause. */
import { ApiError } from "../http/errors.js";
import type { FaultDefinition, ReplyContext } from "./types.js";

type Json = Record<string, unknown>;
type Result = Json & { label: string; labels: { label: string; probability: number }[] };
/** A labels member the server would accept (so that the CLS-006 fault leaves CLS-007's rejections alone). */
const validLabels = (v: unknown) => Array.isArray(v) && v.length > 0 && new Set(v).size === v.length;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rewrites the results of a 200 from POST /classifications. */
const onResults = (edit: (data: Result[], request: Json) => Result[]) => (body: unknown, ctx: ReplyContext) =>
  ctx.endpoint === "classifications" && ctx.status === 200 && isObject(body) && Array.isArray(body.data) ? { ...body, data: edit(body.data as Result[], ctx.request ?? {}) } : body;

export const CLASSIFICATION_FAULTS: readonly FaultDefinition[] = [
  {
    clause: "CLS-001",
    description: "a batch is answered with one result fewer than it has inputs",
    transformBody: onResults((data) => (data.length > 1 ? data.slice(0, -1) : data)),
  },
  {
    clause: "CLS-002",
    description: "labels are listed in reverse label-set order",
    transformBody: onResults((data) => data.map((r) => ({ ...r, labels: [...r.labels].reverse() }))),
  },
  {
    clause: "CLS-003",
    description: "single-label probabilities sum to 0.9",
    transformBody: onResults((data, req) => (req.multi_label === true ? data : data.map((r) => ({ ...r, labels: r.labels.map((l) => ({ ...l, probability: l.probability * 0.9 })) })))),
  },
  {
    clause: "CLS-004",
    description: "label names the least probable label",
    transformBody: onResults((data) => data.map((r) => ({ ...r, label: r.labels.reduce((lo, l) => (l.probability < lo.probability ? l : lo)).label }))),
  },
  {
    clause: "CLS-005",
    description: "multi_label: true is refused with code invalid_value and no param",
    transformRequest(body, ctx) {
      if (ctx.endpoint === "classifications" && body.multi_label === true) throw new ApiError(400, "multi_label is not valid here.", "invalid_request_error", null, "invalid_value");
      return body;
    },
  },
  {
    clause: "CLS-006",
    description: "request labels are ignored: the model's fixed labels are used instead",
    transformRequest: (body, ctx) => (ctx.endpoint === "classifications" && validLabels(body.labels) ? { ...body, labels: undefined } : body),
  },
  {
    clause: "CLS-007",
    description: "an empty labels array is taken as no labels (the fixed labels are used)",
    transformRequest: (body, ctx) => (ctx.endpoint === "classifications" && Array.isArray(body.labels) && body.labels.length === 0 ? { ...body, labels: undefined } : body),
  },
  {
    clause: "CLS-008",
    description: "lis.labels of the model objects declares a label (mixed) that results never use",
    transformBody(body, ctx) {
      const fix = (m: unknown) => (isObject(m) && isObject(m.lis) && Array.isArray(m.lis.labels) ? { ...m, lis: { ...m.lis, labels: [...m.lis.labels, "mixed"] } } : m);
      if (ctx.status !== 200 || !isObject(body)) return body;
      if (ctx.endpoint === "models" && Array.isArray(body.data)) return { ...body, data: body.data.map(fix) };
      return ctx.endpoint === "model" ? fix(body) : body;
    },
  },
  {
    clause: "CLS-011",
    description: "an unknown model on /classifications is answered 400 invalid_value instead of 404 model_not_found",
    transformStatus: (status, ctx) => (ctx.endpoint === "classifications" && status === 404 ? 400 : status),
    transformBody: (body, ctx) =>
      ctx.endpoint === "classifications" && ctx.status === 400 && isObject(body) && isObject(body.error) && body.error.code === "model_not_found"
        ? { error: { ...body.error, type: "invalid_request_error", code: "invalid_value" } }
        : body,
  },
];
