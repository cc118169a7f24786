/** Faults of spec/1.0/models.md. */
import { modelNotFound } from "../http/errors.js";
import { onError, onSuccess } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

export const modelFaults: FaultDefinition[] = [
  {
    clause: "MODEL-001",
    description: "GET /models answers with `object: \"models\"` instead of `\"list\"`",
    transformBody: onSuccess("models", (body) => ({ ...body, object: "models" })),
  },
  {
    clause: "MODEL-002",
    description: "model objects leave out `owned_by`",
    transformBody: onSuccess(["models", "model"], (body) =>
      Array.isArray(body.data) ? { ...body, data: body.data.map(({ owned_by: _, ...m }: Record<string, unknown>) => m) } : (({ owned_by: _, ...m }) => m)(body),
    ),
  },
  {
    clause: "MODEL-003",
    description: "`created` of model objects is in milliseconds",
    transformBody: onSuccess(["models", "model"], (body) =>
      Array.isArray(body.data) ? { ...body, data: body.data.map((m: Record<string, number>) => ({ ...m, created: m.created * 1000 })) } : { ...body, created: body.created * 1000 },
    ),
  },
  {
    clause: "MODEL-004",
    description: "the model list repeats its first entry",
    models: (served) => ({ listed: [...served, served[0]], accepted: served }),
  },
  {
    clause: "MODEL-005",
    description: "the model list is empty (the models are still served)",
    models: (served) => ({ listed: [], accepted: served }),
  },
  {
    clause: "MODEL-006",
    description: "the models are listed under other ids (`<id>-v1`); the endpoints accept both, so the served ids are unlisted",
    models: (served) => {
      const renamed = served.map((m) => ({ ...m, id: `${m.id}-v1` }));
      return { listed: renamed, accepted: [...served, ...renamed] };
    },
  },
  {
    clause: "MODEL-007",
    // Listed first: models created during a run (fine-tuned ones) are appended to the list, so a ghost
    // at the end would not stay the last entry that models-listed-models-are-usable tries.
    description: "the model list also names `lis-ghost` (first), which every endpoint answers with model_not_found",
    models: (served) => ({ listed: [{ ...served[0], id: "lis-ghost" }, ...served], accepted: served }),
  },
  {
    clause: "MODEL-008",
    description: "GET /models/{model} answers with an `owned_by` that differs from the list entry",
    transformBody: onSuccess("model", (body) => ({ ...body, owned_by: `${body.owned_by}-retrieved` })),
  },
  {
    clause: "MODEL-009",
    description: "GET /models/{unknown} answers 404 with code `not_found` and `param: null` (as an unknown path)",
    transformBody: (body, ctx) =>
      ctx.endpoint === "model" ? onError((error) => (error.code === "model_not_found" ? { ...error, code: "not_found", param: null } : error))(body, ctx) : body,
  },
  {
    clause: "MODEL-010",
    description: "GET /models/{model} compares the raw, percent-encoded path segment with the model ids",
    intercept(ctx) {
      if (ctx.endpoint !== "model") return undefined;
      const raw = ctx.path.slice("/v1/models/".length);
      if (raw.includes("%")) throw modelNotFound(raw);
      return undefined;
    },
  },
];

