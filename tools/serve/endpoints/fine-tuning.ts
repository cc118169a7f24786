import { ApiError, invalidRequest } from "../http/errors.js";
import { parseJobRequest } from "../fine-tuning/request.js";
import type { JobStore } from "../fine-tuning/jobs.js";
import { servedModel } from "./models.js";
import type { EndpointContext, Reply } from "./types.js";
import { followsErrata } from "../versions.js";

/** The fine-tuning profile's endpoints (spec/1.0/fine-tuning.md) over the server's simulated job store. */

const jobNotFound = (id: string) => new ApiError(404, `No fine-tuning job '${id.slice(0, 100)}'.`, "not_found_error", null, "job_not_found");

function store(ctx: EndpointContext): JobStore {
  if (!ctx.fineTuning) throw new ApiError(500, "fine-tuning is not set up on this server", "server_error", null, "internal_error");
  return ctx.fineTuning;
}

const json = (body: unknown, status = 200): Reply => ({ kind: "json", status, body });

/** A list page: newest first, `after` (an id) and `limit` from the query string. */
function page<T extends { id: string }>(items: T[], query: URLSearchParams | undefined): { object: "list"; data: T[]; has_more: boolean } {
  const after = query?.get("after");
  const limitText = query?.get("limit");
  const limit = limitText == null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidRequest("Invalid value for 'limit': an integer from 1 to 100.", "limit");
  const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
  const rest = items.slice(start);
  return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit };
}

/** POST /v1/fine_tuning/jobs */
export function createFineTuningJob(ctx: EndpointContext): Reply {
  const spec = parseJobRequest(ctx.body ?? {}, !ctx.faults.includes("FT-011"), followsErrata(ctx.spec));
  servedModel(ctx, spec.model); // the base model must be served (404 model_not_found otherwise)
  return json(store(ctx).create(spec));
}

/** GET /v1/fine_tuning/jobs */
export function listFineTuningJobs(ctx: EndpointContext): Reply {
  return json(page(store(ctx).list() as Array<Record<string, unknown> & { id: string }>, ctx.query));
}

/** GET /v1/fine_tuning/jobs/{job}: a read is a poll, which advances a simulated job one step. */
export function retrieveFineTuningJob(ctx: EndpointContext): Reply {
  const job = store(ctx).read(ctx.params.job);
  if (!job) throw jobNotFound(ctx.params.job);
  return json(job);
}

/** POST /v1/fine_tuning/jobs/{job}/cancel */
export function cancelFineTuningJob(ctx: EndpointContext): Reply {
  const result = store(ctx).cancel(ctx.params.job);
  if (!result) throw jobNotFound(ctx.params.job);
  if (result === "not-cancellable") throw new ApiError(400, `The job '${ctx.params.job}' has already finished and cannot be cancelled.`, "invalid_request_error", null, "job_not_cancellable");
  return json(result);
}

/** GET /v1/fine_tuning/jobs/{job}/events */
export function listFineTuningEvents(ctx: EndpointContext): Reply {
  const events = store(ctx).events(ctx.params.job);
  if (!events) throw jobNotFound(ctx.params.job);
  return json(page(events, ctx.query));
}
